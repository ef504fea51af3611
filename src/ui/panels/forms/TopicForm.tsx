import type { Issue, TopicData } from '../../../diagram';
import { useT } from '../../../i18n';
import { NumberInput, TextInput, type Write } from '../fields/inputs';

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
    </>
  );
}
