import { useEffect, useRef, type ChangeEvent } from 'react';
import { MAX_FILE_BYTES } from '../../diagram';
import { msg, useT, type MessageKey } from '../../i18n';
import {
  exportDefinitionsJson,
  exportJson,
  importText,
  newDesign,
  notify,
  resetToDefault,
} from '../../store/fileActions';
import { exportReal, type RealFormat } from '../../store/exportReal';
import { useAppStore } from '../../store/store';
import { diagramSvg } from '../export/diagramSvg';
import { downloadBlob, downloadText, svgToPng } from '../export/download';

/** The File menu: new, import, export (JSON, SVG, PNG), reset to the default. */
export function FileMenu() {
  const t = useT();
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
      return notify('error', msg('toolbar.import.failed', { file: file.name }), [
        msg('toolbar.import.tooLarge', { size: file.size, max: MAX_FILE_BYTES }),
      ]);
    importText(await file.text(), file.name);
  };
  const baseName = () => exportJson().fileName.replace(/\.json$/, '');
  const onExportJson = () => {
    const out = exportJson();
    downloadText(out.json, out.fileName, 'application/json');
    notify('info', msg('toolbar.export.done', { file: out.fileName }), [
      msg(out.compiled ? 'toolbar.export.scenario' : 'toolbar.export.design'),
    ]);
  };
  const onDefinitions = () => {
    const out = exportDefinitionsJson();
    if (out === null) return notify('error', msg('toolbar.export.noDefinitions'));
    downloadText(out.json, out.fileName, 'application/json');
    notify('info', msg('toolbar.export.done', { file: out.fileName }), [
      msg('toolbar.export.definitions'),
    ]);
  };
  const onReal = (format: RealFormat) => {
    const out = exportReal(format);
    if (out) downloadText(out.text, out.fileName, out.type);
  };
  const realItems: { format: RealFormat; testId: string; label: MessageKey }[] = [
    { format: 'asyncapi', testId: 'export-asyncapi', label: 'exportReal.asyncapi' },
    { format: 'kafka-topics', testId: 'export-kafka-topics', label: 'exportReal.kafkaTopics' },
    { format: 'properties', testId: 'export-properties', label: 'exportReal.properties' },
    { format: 'client', testId: 'export-client', label: 'exportReal.client' },
  ];
  const onSvg = () =>
    downloadText(diagramSvg(useAppStore.getState()), `${baseName()}.svg`, 'image/svg+xml');
  const onPng = async () => {
    try {
      downloadBlob(await svgToPng(diagramSvg(useAppStore.getState())), `${baseName()}.png`);
    } catch (err) {
      notify('error', msg('toolbar.export.pngFailed'), [String((err as Error).message ?? err)]);
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
          {t('toolbar.file')} ▾
        </summary>
        <div className="menu__list" role="menu">
          <button
            type="button"
            role="menuitem"
            className="menu__item"
            data-testid="new-design"
            onClick={(e) => (close(e), newDesign())}
          >
            {t('toolbar.file.new')}
          </button>
          <button
            type="button"
            role="menuitem"
            className="menu__item"
            data-testid="import"
            onClick={(e) => (close(e), input.current?.click())}
          >
            {t('toolbar.file.import')}
          </button>
          <hr className="menu__sep" />
          <button
            type="button"
            role="menuitem"
            className="menu__item"
            data-testid="export-json"
            onClick={(e) => (close(e), onExportJson())}
          >
            {t('toolbar.file.exportJson')}
          </button>
          <button
            type="button"
            role="menuitem"
            className="menu__item"
            data-testid="export-definitions"
            onClick={(e) => (close(e), onDefinitions())}
          >
            {t('toolbar.file.exportDefinitions')}
          </button>
          <div className="menu__label" role="presentation">
            {t('exportReal.section')}
          </div>
          {realItems.map((item) => (
            <button
              key={item.format}
              type="button"
              role="menuitem"
              className="menu__item"
              data-testid={item.testId}
              onClick={(e) => (close(e), onReal(item.format))}
            >
              {t(item.label)}
            </button>
          ))}
          <hr className="menu__sep" />
          <button
            type="button"
            role="menuitem"
            className="menu__item"
            data-testid="export-svg"
            onClick={(e) => (close(e), onSvg())}
          >
            {t('toolbar.file.exportSvg')}
          </button>
          <button
            type="button"
            role="menuitem"
            className="menu__item"
            data-testid="export-png"
            onClick={(e) => (close(e), void onPng())}
          >
            {t('toolbar.file.exportPng')}
          </button>
          <hr className="menu__sep" />
          <button
            type="button"
            role="menuitem"
            className="menu__item"
            data-testid="reset-default"
            onClick={(e) => (close(e), resetToDefault())}
          >
            {t('toolbar.file.reset')}
          </button>
        </div>
      </details>
    </div>
  );
}
