/**
 * Opening designs: a built-in, a new empty one, the default, an imported file. Each opens as a
 * new document (libraryActions): the design that was open stays in My designs. A file that does
 * not read leaves the current diagram exactly as it was and says what is wrong.
 */
import { exportDesign, importDesign } from '../diagram';
import { loadProblem } from './autosave';
import { findScenario } from './catalog';
import { emptySettings } from './designSlice';
import { openBuiltInDocument, openDefault, openDocument, saveToLibrary } from './libraryActions';
import { currentDesign, useAppStore } from './store';

const keptLine = (): string[] => {
  const { doc } = useAppStore.getState();
  return doc.kind === 'design' ? [`“${doc.name}” is kept in My designs (the Scenario menu).`] : [];
};

export function openBuiltIn(id: string): void {
  const entry = findScenario(id);
  if (!entry)
    return notify('error', 'No such scenario', [`There is no built-in scenario "${id}".`]);
  if (!entry.ok) return notify('error', `Scenario "${id}" is invalid`, entry.error.split('\n'));
  openBuiltInDocument(id);
  useAppStore.setState({ notice: null });
}

export function newDesign(): void {
  const kept = keptLine();
  openDocument(
    { settings: emptySettings(), nodes: [], edges: [] },
    null,
    { kind: 'unsaved', source: 'new', label: 'New design' },
    { relayout: false, remember: false },
  );
  notify('info', 'New design', [
    'Drag a Producer, a Topic and a Consumer group from the palette, then connect them. It joins My designs with your first edit.',
    ...kept,
  ]);
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
    const more = r.errors.length > 8 ? [`…and ${r.errors.length - 8} more`] : [];
    notify('error', `Could not import ${fileName}; your diagram is unchanged`, [
      ...r.errors.slice(0, 8),
      ...more,
    ]);
    return false;
  }
  const broken = loadProblem(r.design);
  if (broken) {
    notify('error', `Could not import ${fileName}; your diagram is unchanged`, [broken]);
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
  notify('info', `Imported ${fileName}`, [
    `${r.design.nodes.length} nodes, ${r.design.edges.length} edges${name ? `, saved as “${name}” in My designs` : ''}.`,
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

export function notify(tone: 'error' | 'info', title: string, lines: string[] = []): void {
  useAppStore.setState({ notice: { tone, title, lines } });
}

export const dismissNotice = (): void => useAppStore.setState({ notice: null, simError: null });
