import type { Issue, TopicData } from '../../../diagram';
import { useT } from '../../../i18n';
import { NumberInput, SelectInput, TextInput, type Write } from '../fields/inputs';

/** A topic's settings. */
export function TopicForm({
  data,
  issues,
  write,
}: {
  data: TopicData;
  issues: readonly Issue[];
  write: Write;
}) {
  const t = useT();
  const f = { data, issues, write };
  const compacted = (data['cleanup.policy'] ?? 'delete').includes('compact');
  return (
    <>
      <TextInput
        {...f}
        path={['name']}
        label={t('panels.topic.name')}
        hint={t('panels.topic.nameHint')}
      />
      <div className="pgrid">
        <NumberInput
          {...f}
          path={['partitions']}
          label={t('panels.kafka.partitions')}
          hint={t('panels.topic.partitionsHint')}
        />
        <NumberInput
          {...f}
          path={['replication.factor']}
          label="replication.factor"
          optional
          placeholder="1"
        />
      </div>
      {/* The log over time (Kafka's topic configs; empty = Kafka's default, the placeholder). */}
      <div className="pgrid">
        <NumberInput
          {...f}
          path={['retention.ms']}
          label="retention.ms"
          hint={t('panels.topic.retentionHint')}
          optional
          placeholder="604800000"
        />
        <NumberInput
          {...f}
          path={['retention.bytes']}
          label="retention.bytes"
          hint={t('panels.topic.retentionBytesHint')}
          optional
          placeholder="-1"
        />
        <NumberInput
          {...f}
          path={['segment.ms']}
          label="segment.ms"
          optional
          placeholder="604800000"
        />
        <NumberInput
          {...f}
          path={['segment.bytes']}
          label="segment.bytes"
          hint={t('panels.topic.segmentHint')}
          optional
          placeholder="1073741824"
        />
      </div>
      {/* Compaction (kafka/compaction.ts): the log cleaner keeps the latest record per key. */}
      <div className="pgrid">
        <SelectInput
          {...f}
          path={['cleanup.policy']}
          label="cleanup.policy"
          hint={t('panels.topic.cleanupPolicyHint')}
          defaultLabel={t('panels.topic.cleanupPolicyDefault')}
          options={[
            { value: 'compact', label: 'compact' },
            { value: 'compact,delete', label: 'compact,delete' },
            { value: 'delete,compact', label: 'delete,compact' },
          ]}
        />
        {compacted && (
          <>
            <NumberInput
              {...f}
              path={['delete.retention.ms']}
              label="delete.retention.ms"
              hint={t('panels.topic.deleteRetentionHint')}
              optional
              placeholder="86400000"
            />
            <NumberInput
              {...f}
              path={['min.compaction.lag.ms']}
              label="min.compaction.lag.ms"
              hint={t('panels.topic.compactionLagHint')}
              optional
              placeholder="0"
            />
            <NumberInput
              {...f}
              path={['min.cleanable.dirty.ratio']}
              label="min.cleanable.dirty.ratio"
              hint={t('panels.topic.dirtyRatioHint')}
              optional
              placeholder="0.5"
            />
          </>
        )}
      </div>
    </>
  );
}
