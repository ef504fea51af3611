/**
 * Opening designs: a built-in, a new empty one, the default, an imported file. A file that does
 * not read leaves the current diagram exactly as it was and says what is wrong.
 */
import { decompile, exportDesign, importDesign } from '../diagram';
import { findScenario } from './catalog';
import { replaceDesign } from './designActions';
import { emptySettings } from './designSlice';
import { currentDesign, defaultDesign, useAppStore } from './store';

export function openBuiltIn(id: string): void {
  const entry = findScenario(id);
  if (!entry) return notify('error', 'No such scenario', [`There is no built-in scenario "${id}".`]);
  if (!entry.ok) return notify('error', `Scenario "${id}" is invalid`, entry.error.split('\n'));
  replaceDesign(decompile(entry.scenario), id, { relayout: true });
  useAppStore.setState({ notice: null });
}

export function newDesign(): void {
  replaceDesign({ settings: emptySettings(), nodes: [], edges: [] }, null, { relayout: false });
  notify('info', 'New design', ['Drag a Producer, a Topic and a Consumer group from the palette, then connect them. Ctrl+Z brings the previous diagram back.']);
}

export function resetToDefault(): void {
  const { design, origin } = defaultDesign();
  replaceDesign(design, origin, { relayout: true });
  useAppStore.setState({ notice: null });
}

/** Reads a file's text. Returns whether it was imported. */
export function importText(text: string, fileName: string): boolean {
  const r = importDesign(text);
  if (!r.ok) {
    const more = r.errors.length > 8 ? [`…and ${r.errors.length - 8} more`] : [];
    notify('error', `Could not import ${fileName}; your diagram is unchanged`, [...r.errors.slice(0, 8), ...more]);
    return false;
  }
  const positioned = /"layout"|"format"\s*:\s*"eventflow-design"/.test(text);
  replaceDesign(r.design, r.origin ?? null, { relayout: !positioned });
  notify('info', `Imported ${fileName}`, [`${r.design.nodes.length} nodes, ${r.design.edges.length} edges. Ctrl+Z undoes the import.`]);
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
