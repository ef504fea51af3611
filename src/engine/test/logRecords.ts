import type { LogRecord } from '../kafka/events';
import { gpOf, recordAt } from '../kafka/state';
import type { SimulateResult } from '../simulate';

/** The producers' records the log holds at the end of a run (no markers, no service output). */
export function* producerRecordsInLog(r: SimulateResult): Generator<LogRecord> {
  const s = r.state;
  for (const t of r.model.topics)
    for (let p = 0; p < t.partitions; p++) {
      const gp = gpOf(r.model, t.name, p);
      for (let o = s.logStart[gp]!; o < s.leo[gp]!; o++) {
        const rec = recordAt(s, gp, o);
        if (rec && rec.control === undefined && r.model.producerIndex.has(rec.producer)) yield rec;
      }
    }
}
