/**
 * Opening designs: a built-in, a new empty one, the default, an imported file. Each opens as a
 * new document (libraryActions): the design that was open stays in My designs. A file that does
 * not read leaves the current diagram exactly as it was and says what is wrong.
 */
import { exportDesign, exportDesignDefinitions, importDesign } from '../diagram';
import { msg, type Msg } from '../i18n';
import { loadProblem } from './autosave';
import { findScenario } from './catalog';
import { emptySettings } from './designSlice';
import { openBuiltInDocument, openDefault, openDocument, saveToLibrary } from './libraryActions';
import { nameText, type Text } from './messages';
import { currentDesign, useAppStore } from './store';

const keptLine = (): Msg[] => {
  const { doc } = useAppStore.getState();
  return doc.kind === 'design' ? [msg('toolbar.file.kept', { name: doc.name })] : [];
};

export function openBuiltIn(id: string): void {
  const entry = findScenario(id);
  if (!entry)
    return notify('error', msg('toolbar.scenario.missing'), [
      msg('toolbar.scenario.missingLine', { id }),
    ]);
  if (!entry.ok)
    return notify('error', msg('toolbar.scenario.invalidTitle', { id }), entry.error.split('\n'));
  openBuiltInDocument(id);
  useAppStore.setState({ notice: null });
}

export function newDesign(): void {
  const kept = keptLine();
  openDocument(
    { settings: emptySettings(), nodes: [], edges: [] },
    null,
    { kind: 'unsaved', source: 'new', label: nameText(msg('toolbar.doc.new')) },
    { relayout: false, remember: false },
  );
  notify('info', msg('toolbar.doc.new'), [msg('toolbar.file.newHelp'), ...kept]);
}

/** Opens the default scenario as a new document; the user's designs stay. */
export function resetToDefault(remember = true): void {
  openDefault(remember);
  useAppStore.setState({ notice: null });
}

/** Reads a file's text into a new design in My designs. Returns whether it was imported. */
export function importText(text: string, fileName: string): boolean {
  const r = importDesign(text);
  if (!r.ok) {
    const more =
      r.errors.length > 8 ? [msg('toolbar.import.more', { n: r.errors.length - 8 })] : [];
    notify('error', msg('toolbar.import.failed', { file: fileName }), [
      ...r.messages.slice(0, 8),
      ...more,
    ]);
    return false;
  }
  const broken = loadProblem(r.design);
  if (broken) {
    notify('error', msg('toolbar.import.failed', { file: fileName }), [broken]);
    return false;
  }
  const kept = keptLine();
  const positioned = /"layout"|"format"\s*:\s*"eventflow-design"/.test(text);
  openDocument(
    r.design,
    r.origin ?? null,
    { kind: 'unsaved', source: 'recovered', label: fileName },
    { relayout: !positioned, remember: false },
  );
  const id = saveToLibrary(r.design.settings.name || fileName.replace(/\.json$/i, ''));
  const name = useAppStore.getState().library.find((d) => d.id === id)?.name;
  const counts = { nodes: r.design.nodes.length, edges: r.design.edges.length };
  notify('info', msg('toolbar.import.done', { file: fileName }), [
    name
      ? msg('toolbar.import.summarySaved', { ...counts, name })
      : msg('toolbar.import.summary', counts),
    ...kept,
  ]);
  return true;
}

export function exportJson(): { json: string; fileName: string; compiled: boolean } {
  const s = useAppStore.getState();
  const out = exportDesign(currentDesign(s), s.origin ?? undefined);
  const base = (s.settings.name || 'design').replace(/[^A-Za-z0-9._-]+/g, '-').toLowerCase();
  return { ...out, fileName: `${base}.json` };
}

/** The open design's RabbitMQ broker as definitions.json, or null when it has none. */
export function exportDefinitionsJson(): { json: string; fileName: string } | null {
  const s = useAppStore.getState();
  const json = exportDesignDefinitions(currentDesign(s));
  if (json === null) return null;
  const base = (s.settings.name || 'design').replace(/[^A-Za-z0-9._-]+/g, '-').toLowerCase();
  return { json, fileName: `${base}.definitions.json` };
}

export function notify(tone: 'error' | 'info', title: Msg, lines: readonly Text[] = []): void {
  useAppStore.setState({ notice: { tone, title, lines: [...lines] } });
}

export const dismissNotice = (): void => useAppStore.setState({ notice: null, simError: null });
