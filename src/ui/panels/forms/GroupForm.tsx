import type { GroupData, Issue } from '../../../diagram';
import { CheckInput, NumberInput, SelectInput, TextInput, type Write } from '../fields/inputs';
import { DistEditor } from './DistEditor';

interface Props {
  data: GroupData;
  issues: readonly Issue[];
  write: Write;
}

type CommitMode = 'after' | 'before' | 'auto';

const commitMode = (d: GroupData): CommitMode =>
  d.commit === 'after-processing' ? 'after' : d.commit === 'before-processing' ? 'before' : 'auto';

/** A consumer group's settings (and a service's handler and failures), under Kafka's names. */
export function GroupForm({ data, issues, write }: Props) {
  const f = { data, issues, write };
  const mode = commitMode(data);
  const setMode = (m: CommitMode) => {
    write(['commit'], m === 'after' ? 'after-processing' : m === 'before' ? 'before-processing' : undefined);
    write(['config', 'enable.auto.commit'], undefined);
  };
  const members = Array.isArray(data.members) ? data.members.length : data.members;
  return (
    <>
      <TextInput {...f} path={['id']} label="Name (group.id)" />
      <div className="pgrid">
        <label className="pfield">
          <span className="pfield__label">Members</span>
          <input
            className="input num"
            inputMode="numeric"
            value={Number.isFinite(members) ? String(members) : ''}
            data-testid="field-members"
            aria-invalid={issues.some((i) => i.field === 'members')}
            onChange={(e) => write(['members'], e.target.value.trim() === '' ? Number.NaN : Number(e.target.value))}
          />
          {issues
            .filter((i) => i.field === 'members')
            .map((i, k) => (
              <span key={k} className="pfield__error" role="alert" data-testid="field-error-members">
                {i.message}
              </span>
            ))}
        </label>
        <SelectInput
          {...f}
          path={['config', 'partition.assignment.strategy']}
          label="partition.assignment.strategy"
          defaultLabel="range (default)"
          options={[
            { value: 'roundrobin', label: 'roundrobin' },
            { value: 'sticky', label: 'sticky' },
            { value: 'cooperative-sticky', label: 'cooperative-sticky' },
          ]}
        />
      </div>
      <label className="pfield">
        <span className="pfield__label">Commits</span>
        <select className="select select--block" value={mode} onChange={(e) => setMode(e.target.value as CommitMode)} data-testid="field-commit-mode">
          <option value="after">After processing (at-least-once)</option>
          <option value="before">Before processing (at-most-once)</option>
          <option value="auto">enable.auto.commit=true (by interval)</option>
        </select>
      </label>
      {mode === 'auto' && <NumberInput {...f} path={['config', 'auto.commit.interval.ms']} label="auto.commit.interval.ms" optional placeholder="5000" />}
      <DistEditor {...f} path={['processingMs']} label="Processing time per record" />
      {data.kind === 'service' && <ServiceFields {...f} />}
      {data.kind !== 'consumerGroup' && (
        <CheckInput {...f} path={['idempotent']} label="Idempotent consumer" hint="A dedup store by event id absorbs redelivered records." />
      )}
      <h4 className="panel__sub">Consumer config</h4>
      <div className="pgrid">
        <NumberInput {...f} path={['config', 'max.poll.records']} label="max.poll.records" optional placeholder="500" />
        <NumberInput {...f} path={['config', 'session.timeout.ms']} label="session.timeout.ms" optional placeholder="45000" />
        <NumberInput {...f} path={['config', 'heartbeat.interval.ms']} label="heartbeat.interval.ms" optional placeholder="3000" />
        <NumberInput {...f} path={['config', 'max.poll.interval.ms']} label="max.poll.interval.ms" optional placeholder="300000" />
        <SelectInput
          {...f}
          path={['config', 'auto.offset.reset']}
          label="auto.offset.reset"
          defaultLabel="latest (Kafka default)"
          options={[
            { value: 'earliest', label: 'earliest' },
            { value: 'latest', label: 'latest' },
          ]}
        />
      </div>
    </>
  );
}

function ServiceFields({ data, issues, write }: Props) {
  const f = { data, issues, write };
  const rules = data.handlers ?? [];
  return (
    <>
      <h4 className="panel__sub">Handler</h4>
      <div className="pgrid">
        <TextInput {...f} path={['handlers', 0, 'on']} label="On event type" placeholder="OrderCreated" />
        <TextInput {...f} path={['handlers', 0, 'emit', 0, 'type']} label="Emits event type" placeholder="OrderHandled" />
        <NumberInput {...f} path={['handlers', 0, 'emit', 0, 'probability']} label="Emit probability" optional placeholder="1" />
      </div>
      {rules.length > 1 && <p className="pfield__hint">{rules.length - 1} more handler rule(s) from the scenario file are kept as they are.</p>}
      <h4 className="panel__sub">Failures</h4>
      <div className="pgrid">
        <NumberInput {...f} path={['failure', 'rate']} label="Failure rate (0–1)" optional placeholder="0" />
        <NumberInput {...f} path={['failure', 'retries']} label="retries" optional placeholder="∞" />
        <NumberInput {...f} path={['failure', 'backoffMs']} label="backoff ms" optional placeholder="100" />
      </div>
    </>
  );
}
