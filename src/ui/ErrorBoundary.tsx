import { Component, type ErrorInfo, type ReactNode } from 'react';

interface Props {
  children: ReactNode;
  /** What this boundary protects, for the message ("the canvas"). */
  area?: string;
}

interface State {
  error: Error | null;
}

/**
 * Catches render errors so the page is never blank. The store is outside React, so "Try again"
 * re-renders from the same diagram and run: nothing the user had is lost.
 */
export class ErrorBoundary extends Component<Props, State> {
  override state: State = { error: null };

  static getDerivedStateFromError(error: unknown): State {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.warn('EventFlow recovered from a render error', error, info.componentStack);
  }

  override render() {
    const { error } = this.state;
    if (!error) return this.props.children;
    return (
      <div className="crash" role="alert" data-testid="crash-screen">
        <h2 className="crash__title">Something went wrong drawing {this.props.area ?? 'EventFlow'}.</h2>
        <p className="crash__message">{error.message}</p>
        <div className="button-group">
          <button type="button" className="button button--primary" onClick={() => this.setState({ error: null })}>
            Try again
          </button>
          <button type="button" className="button" onClick={() => window.location.reload()}>
            Reload the page
          </button>
        </div>
      </div>
    );
  }
}
