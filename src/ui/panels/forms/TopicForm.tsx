import type { Issue, TopicData } from '../../../diagram';
import { NumberInput, TextInput, type Write } from '../fields/inputs';

/** A topic's settings. */
export function TopicForm({ data, issues, write }: { data: TopicData; issues: readonly Issue[]; write: Write }) {
  const f = { data, issues, write };
  return (
    <>
      <TextInput {...f} path={['name']} label="Name" hint="Letters, digits, '.', '_' and '-'." />
      <div className="pgrid">
        <NumberInput {...f} path={['partitions']} label="partitions" hint="Keyed records: murmur2(key) % partitions." />
        <NumberInput {...f} path={['replication.factor']} label="replication.factor" optional placeholder="1" />
      </div>
    </>
  );
}
