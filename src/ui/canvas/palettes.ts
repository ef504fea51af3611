/** Colours for record cells: by key bucket and by event type (distinct from the group colours). */
import { schemeSet2, schemeSet3 } from 'd3';

export const KEY_COLORS: readonly string[] = schemeSet3;
export const TYPE_COLORS: readonly string[] = schemeSet2;

export function cellColor(index: number, by: 'key' | 'type'): string | null {
  if (index < 0) return null;
  const palette = by === 'key' ? KEY_COLORS : TYPE_COLORS;
  return palette[index % palette.length]!;
}
