import { useEffect, useRef, type ChangeEvent } from 'react';
import { MAX_FILE_BYTES } from '../../diagram';
import { exportJson, importText, newDesign, notify, resetToDefault } from '../../store/fileActions';
import { useAppStore } from '../../store/store';
import { diagramSvg } from '../export/diagramSvg';
import { downloadBlob, downloadText, svgToPng } from '../export/download';

/** The File menu: new, import, export (JSON, SVG, PNG), reset to the default. */
export function FileMenu() {
  const input = useRef<HTMLInputElement>(null);
  const menu = useRef<HTMLDetailsElement>(null);
  // A <details> menu stays open by itself: Esc and a click anywhere else close it.
  useEffect(() => {
    const shut = () => menu.current?.removeAttribute('open');
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape' || !menu.current?.open) return;
      shut();
      menu.current.querySelector('summary')?.focus();
    };
    const onDown = (e: PointerEvent) => {
      if (menu.current?.open && !menu.current.contains(e.target as Node)) shut();
    };
    window.addEventListener('keydown', onKey);
    window.addEventListener('pointerdown', onDown, true);
    return () => {
      window.removeEventListener('keydown', onKey);
      window.removeEventListener('pointerdown', onDown, true);
    };
  }, []);
  const onFile = async (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    e.target.value = '';
    if (!file) return;
    if (file.size > MAX_FILE_BYTES)
      return notify('error', `Could not import ${file.name}; your diagram is unchanged`, [
        `the file is ${file.size} bytes; at most ${MAX_FILE_BYTES} are read`,
      ]);
    importText(await file.text(), file.name);
  };
  const baseName = () => exportJson().fileName.replace(/\.json$/, '');
  const onExportJson = () => {
    const out = exportJson();
    downloadText(out.json, out.fileName, 'application/json');
    notify(
      'info',
      `Exported ${out.fileName}`,
      out.compiled
        ? ['A scenario file with the node positions: import it here, or run it with npm run sim.']
        : ['The design has problems, so this is the design document (import it here to continue).'],
    );
  };
  const onSvg = () =>
    downloadText(diagramSvg(useAppStore.getState()), `${baseName()}.svg`, 'image/svg+xml');
  const onPng = async () => {
    try {
      downloadBlob(await svgToPng(diagramSvg(useAppStore.getState())), `${baseName()}.png`);
    } catch (err) {
      notify('error', 'The PNG could not be made', [String((err as Error).message ?? err)]);
    }
  };
  const close = (e: { currentTarget: HTMLElement }) =>
    e.currentTarget.closest('details')?.removeAttribute('open');
  return (
    <div className="button-group">
      <input
        ref={input}
        type="file"
        accept=".json,application/json"
        hidden
        onChange={onFile}
        data-testid="import-input"
      />
      <details className="menu" ref={menu} data-testid="file-menu-details">
        <summary className="button" data-testid="file-menu">
          File ▾
        </summary>
        <div className="menu__list" role="menu">
          <button
            type="button"
            role="menuitem"
            className="menu__item"
            data-testid="new-design"
            onClick={(e) => (close(e), newDesign())}
          >
            New empty design
          </button>
          <button
            type="button"
            role="menuitem"
            className="menu__item"
            data-testid="import"
            onClick={(e) => (close(e), input.current?.click())}
          >
            Import JSON…
          </button>
          <hr className="menu__sep" />
          <button
            type="button"
            role="menuitem"
            className="menu__item"
            data-testid="export-json"
            onClick={(e) => (close(e), onExportJson())}
          >
            Export design as JSON
          </button>
          <button
            type="button"
            role="menuitem"
            className="menu__item"
            data-testid="export-svg"
            onClick={(e) => (close(e), onSvg())}
          >
            Export canvas as SVG
          </button>
          <button
            type="button"
            role="menuitem"
            className="menu__item"
            data-testid="export-png"
            onClick={(e) => (close(e), void onPng())}
          >
            Export canvas as PNG
          </button>
          <hr className="menu__sep" />
          <button
            type="button"
            role="menuitem"
            className="menu__item"
            data-testid="reset-default"
            onClick={(e) => (close(e), resetToDefault())}
          >
            Reset to the default design
          </button>
        </div>
      </details>
    </div>
  );
}
