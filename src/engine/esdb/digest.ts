/**
 * A canonical text of an EsState (Maps as sorted entries), for state equality: fold(events) vs
 * the live state, determinism. Not for hashing large states quickly; tests and tools use it.
 */
import type { EsState } from './state';

export function esDigest(s: EsState): string {
  const streams = [...s.streams.values()]
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .map((st) => ({
      id: st.id,
      events: st.events.map((r) => r.position),
      tombstone: st.tombstone?.position ?? null,
      ids: [...st.ids].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)),
    }));
  const projections = [...s.projections].sort((a, b) => (a[0] < b[0] ? -1 : 1));
  return JSON.stringify({ timeUs: s.timeUs, log: s.log, streams, projections });
}
