import type { MemberView } from '../../worker/view';

interface Props {
  id: string;
  member: MemberView | undefined;
  /** The group is rebalancing: a member that still works says so. */
  rebalancing: boolean;
  /** A member holds partitions of more than one topic: name the topic of each. */
  multiTopic: boolean;
}

const WORD: Record<string, string> = {
  running: 'running',
  idle: 'running (idle)',
  joining: 'joining',
  awaiting: 'rebalancing',
  paused: 'paused',
  crashed: 'crashed',
  stopped: 'stopped',
};

/** One consumer: status light, id, state and the partitions it is assigned. */
export function MemberRow({ id, member, rebalancing, multiTopic }: Props) {
  const status = member?.status ?? 'stopped';
  const word = member ? (rebalancing && (status === 'running' || status === 'idle' || status === 'joining') ? 'rebalancing' : (WORD[status] ?? status)) : 'not started';
  const assigned = member?.assigned ?? [];
  return (
    <li className={`member member--${status}${word === 'rebalancing' ? ' member--rebalancing' : ''}`} data-testid={`member-${id}`} data-status={status}>
      <span className="member__light" aria-hidden="true" />
      <span className="member__id">{id}</span>
      <span className="member__status">{word}</span>
      <span className={`member__parts${multiTopic ? ' member__parts--multi' : ''}`}>
        {member && assigned.length === 0 && <span className="member__none">no partitions</span>}
        {assigned.map((a) => (
          <span key={a.topic} className="chip" title={`${a.topic}: ${a.partitions.join(', ')}`}>
            {multiTopic && <span className="chip__topic">{a.topic}</span>}
            {a.partitions.map((p) => `P${p}`).join(' ')}
          </span>
        ))}
      </span>
    </li>
  );
}
