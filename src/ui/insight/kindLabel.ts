/** What each anomaly kind is called, as a catalog key (a literal map: the catalog test finds them). */
import type { AnomalyKind } from '../../insight';
import type { MessageKey } from '../../i18n';

export const ANOMALY_KIND: Readonly<Record<AnomalyKind, MessageKey>> = {
  duplicate: 'insight.kind.duplicate',
  reordered: 'insight.kind.reordered',
  lost: 'insight.kind.lost',
  stuck: 'insight.kind.stuck',
  'dead-lettered': 'insight.kind.deadLettered',
  'stale-read': 'esInsight.kind.staleRead',
  'double-count': 'esInsight.kind.doubleCount',
  'write-conflict': 'esInsight.kind.writeConflict',
  'command-failed': 'esInsight.kind.commandFailed',
  'schema-mismatch': 'esInsight.kind.schemaMismatch',
};
