import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { msg, useLocale, useRenderMsg, useT, type Locale, type Translate } from '../../i18n';
import {
  asideText,
  deleteDesign,
  discardAside,
  openLibraryDesign,
  renameDesign,
  saveToLibrary,
  showToast,
  tryAside,
} from '../../store/libraryActions';
import { builtInTextIn } from '../../scenarios';
import type { AsideEntry, LibraryEntry } from '../../store/library';
import type { CurrentDoc } from '../../store/librarySlice';
import { useAppStore } from '../../store/store';
import { downloadText } from '../export/download';
import './library.css';

const when = (ms: number, locale: Locale) =>
  ms > 0
    ? new Date(ms).toLocaleString(locale === 'en' ? 'en-GB' : locale, {
        dateStyle: 'medium',
        timeStyle: 'short',
      })
    : '';
/** An unsaved document's name: "New design" and "Shared link" in the reader's language. */
function docLabel(
  doc: Extract<CurrentDoc, { kind: 'unsaved' }>,
  origin: string | null,
  locale: Locale,
  t: Translate,
): string {
  if (doc.source === 'new') return t('toolbar.doc.new');
  if (doc.source === 'link') return t('toolbar.doc.link');
  if (doc.source === 'builtIn' && origin) return builtInTextIn(locale, origin)?.name ?? doc.label;
  return doc.label;
}
const close = (el: HTMLElement) => el.closest('details')?.removeAttribute('open');

function DesignRow({ d, open }: { d: LibraryEntry; open: boolean }) {
  const t = useT();
  const locale = useLocale();
  const [editing, setEditing] = useState(false);
  const [text, setText] = useState(d.name);
  const commit = () => {
    if (renameDesign(d.id, text)) setEditing(false);
  };
  const onKey = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Enter') commit();
    if (e.key === 'Escape') {
      e.stopPropagation();
      setEditing(false);
      setText(d.name);
    }
  };
  return (
    <li className={`lib__row${open ? ' lib__row--open' : ''}`} data-testid={`design-row-${d.id}`}>
      {editing ? (
        <input
          className="input lib__rename"
          aria-label={t('toolbar.designs.newName', { name: d.name })}
          value={text}
          autoFocus
          onChange={(e) => setText(e.target.value)}
          onKeyDown={onKey}
          onBlur={commit}
          data-testid="design-rename-input"
        />
      ) : (
        <button
          type="button"
          className="lib__name"
          title={t('toolbar.designs.openTitle', { name: d.name })}
          onClick={(e) => (close(e.currentTarget), openLibraryDesign(d.id))}
          data-testid="design-open"
        >
          <span>{d.name}</span>
          <small>{open ? t('toolbar.designs.openNow') : when(d.updatedAt, locale)}</small>
        </button>
      )}
      <button
        type="button"
        className="lib__icon"
        aria-label={t('toolbar.designs.renameNamed', { name: d.name })}
        title={t('toolbar.designs.rename')}
        onClick={() => (setText(d.name), setEditing(true))}
        data-testid="design-rename"
      >
        ✎
      </button>
      <button
        type="button"
        className="lib__icon lib__icon--danger"
        aria-label={t('toolbar.designs.deleteNamed', { name: d.name })}
        title={t('toolbar.designs.delete')}
        onClick={() => deleteDesign(d.id)}
        data-testid="design-delete"
      >
        ✕
      </button>
    </li>
  );
}

function AsideRow({ a }: { a: AsideEntry }) {
  const t = useT();
  const render = useRenderMsg();
  const onExport = () => {
    const out = asideText(a.id);
    if (!out) return showToast(msg('toolbar.aside.gone', { name: a.name }));
    downloadText(out.text, out.fileName, 'application/json');
  };
  return (
    <li className="lib__aside" data-testid={`aside-row-${a.id}`}>
      <div className="lib__aside-text">
        <span>{a.name}</span>
        <small title={render(a.reason)}>{render(a.reason)}</small>
      </div>
      <div className="lib__aside-actions">
        <button
          type="button"
          className="button button--small"
          onClick={onExport}
          data-testid="aside-export"
        >
          {t('toolbar.aside.export')}
        </button>
        <button
          type="button"
          className="button button--small"
          onClick={(e) => tryAside(a.id) && close(e.currentTarget)}
          data-testid="aside-try"
        >
          {t('toolbar.aside.try')}
        </button>
        <button
          type="button"
          className="button button--small button--ghost"
          onClick={() => discardAside(a.id)}
          data-testid="aside-discard"
        >
          {t('toolbar.aside.discard')}
        </button>
      </div>
    </li>
  );
}

/** My designs: save the open document, open, rename, delete (with Undo), and the set-aside shelf. */
export function DesignsMenu() {
  const t = useT();
  const doc = useAppStore((s) => s.doc);
  const library = useAppStore((s) => s.library);
  const aside = useAppStore((s) => s.aside);
  const origin = useAppStore((s) => s.origin);
  const locale = useLocale();
  const menu = useRef<HTMLDetailsElement>(null);
  // Like the File menu: Esc and a click elsewhere close it (the toast's Undo is elsewhere too).
  useEffect(() => {
    const onKey = (e: globalThis.KeyboardEvent) => {
      if (e.key !== 'Escape' || !menu.current?.open) return;
      menu.current.removeAttribute('open');
      menu.current.querySelector('summary')?.focus();
    };
    const onDown = (e: PointerEvent) => {
      const target = e.target as Element | null;
      if (!menu.current?.open || menu.current.contains(target) || target?.closest?.('.lib-toast'))
        return;
      menu.current.removeAttribute('open');
    };
    window.addEventListener('keydown', onKey);
    window.addEventListener('pointerdown', onDown, true);
    return () => {
      window.removeEventListener('keydown', onKey);
      window.removeEventListener('pointerdown', onDown, true);
    };
  }, []);
  const onSave = () => {
    const id = saveToLibrary(
      doc.kind === 'design' ? t('toolbar.designs.copyName', { name: doc.name }) : undefined,
    );
    const saved = useAppStore.getState().library.find((d) => d.id === id);
    if (saved) showToast(msg('toolbar.designs.saved', { name: saved.name }));
  };
  return (
    <details className="menu" ref={menu}>
      <summary className="button" data-testid="designs-menu">
        {t('toolbar.designs')}
        {aside.length > 0 ? (
          <span className="lib__badge" title={t('toolbar.designs.asideCount', { n: aside.length })}>
            {aside.length}
          </span>
        ) : null}{' '}
        ▾
      </summary>
      <div className="menu__list lib" role="menu">
        <p className="lib__current" data-testid="current-doc">
          {doc.kind === 'design' ? (
            <>
              {t('toolbar.designs.current')} <strong>{doc.name}</strong>{' '}
              <span className="lib__muted">{t('toolbar.designs.autosaved')}</span>
            </>
          ) : (
            <>
              {t('toolbar.designs.current')} <strong>{docLabel(doc, origin, locale, t)}</strong>{' '}
              <span className="lib__muted">{t('toolbar.designs.notSaved')}</span>
            </>
          )}
        </p>
        <button
          type="button"
          role="menuitem"
          className="menu__item"
          data-testid="save-to-library"
          onClick={(e) => (close(e.currentTarget), onSave())}
        >
          {doc.kind === 'design' ? t('toolbar.designs.saveCopy') : t('toolbar.designs.save')}
        </button>
        <hr className="menu__sep" />
        {library.length === 0 ? (
          <p className="lib__muted lib__empty">{t('toolbar.designs.empty')}</p>
        ) : (
          <ul className="lib__list" data-testid="design-list">
            {library.map((d) => (
              <DesignRow key={d.id} d={d} open={doc.kind === 'design' && doc.id === d.id} />
            ))}
          </ul>
        )}
        {aside.length > 0 && (
          <>
            <hr className="menu__sep" />
            <p className="lib__heading">{t('toolbar.designs.asideHeading')}</p>
            <ul className="lib__list" data-testid="aside-list">
              {aside.map((a) => (
                <AsideRow key={a.id} a={a} />
              ))}
            </ul>
          </>
        )}
      </div>
    </details>
  );
}
