import { Component, type ErrorInfo, type ReactNode } from 'react';
import { msg, useT, type MessageKey, type Translate } from '../i18n';
import { setAsideOpenDesign } from '../store/libraryActions';
import { useAppStore } from '../store/store';

interface Props {
  children: ReactNode;
  /** What this boundary protects, for the message ('toolbar.area.canvas': "the canvas"). */
  area?: MessageKey;
  /** The open design may be the cause: offer to set it aside and open the default. */
  offerSetAside?: boolean;
}

interface InnerProps extends Props {
  /** Changes when another document opens: the boundary then tries its children again. */
  resetKey: unknown;
  t: Translate;
}

interface State {
  error: Error | null;
  /** How many times "Try again" failed the same way. */
  retries: number;
  resetKey: unknown;
}

/**
 * Catches render errors so the page is never blank. The store is outside React, so "Try again"
 * re-renders from the same diagram and run: nothing the user had is lost. When the design itself
 * is what breaks the drawing, "Set this design aside" keeps its text on the set-aside shelf and
 * opens the default, so the app works again without anyone wiping browser storage.
 */
class Boundary extends Component<InnerProps, State> {
  override state: State = { error: null, retries: 0, resetKey: this.props.resetKey };

  static getDerivedStateFromError(error: unknown): Partial<State> {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  static getDerivedStateFromProps(props: InnerProps, state: State): Partial<State> | null {
    if (props.resetKey === state.resetKey) return null;
    return { error: null, retries: 0, resetKey: props.resetKey };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.warn('EventFlow recovered from a render error', error, info.componentStack);
  }

  private setAside = () => {
    const message = this.state.error?.message ?? '';
    this.setState({ error: null, retries: 0 });
    setAsideOpenDesign(msg('toolbar.crash.reason', { message: message.slice(0, 200) }));
  };

  override render() {
    const { error, retries } = this.state;
    if (!error) return this.props.children;
    const { area, offerSetAside, t } = this.props;
    return (
      <div className="crash" role="alert" data-testid="crash-screen">
        <h2 className="crash__title">
          {t('toolbar.crash.title', { area: t(area ?? 'toolbar.area.app') })}
        </h2>
        <p className="crash__message">{error.message}</p>
        {retries > 0 && (
          <p className="crash__message" data-testid="crash-again">
            {offerSetAside ? t('toolbar.crash.againSetAside') : t('toolbar.crash.again')}
          </p>
        )}
        <div className="button-group">
          <button
            type="button"
            className="button button--primary"
            data-testid="crash-retry"
            onClick={() => this.setState({ error: null, retries: retries + 1 })}
          >
            {t('toolbar.crash.retry')}
          </button>
          {offerSetAside && (
            <button
              type="button"
              className="button"
              data-testid="crash-set-aside"
              onClick={this.setAside}
            >
              {t('toolbar.crash.setAside')}
            </button>
          )}
          <button type="button" className="button" onClick={() => window.location.reload()}>
            {t('toolbar.crash.reload')}
          </button>
        </div>
      </div>
    );
  }
}

export function ErrorBoundary(props: Props) {
  return <StoreBoundary {...props} />;
}

function StoreBoundary(props: Props) {
  const resetKey = useAppStore((s) => s.doc);
  const t = useT();
  return <Boundary {...props} resetKey={resetKey} t={t} />;
}
