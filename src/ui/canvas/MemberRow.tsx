import type { MemberView } from '../../worker/view';

interface Props {
  id: string;
  member: MemberView | undefined;
  /** The group reads more than one topic: name the topic of each assigned partition. */
  multiTopic: boolean;
}

/** One consumer: status light, id, status word and the partitions it is assigned. */
export function MemberRow({ id, member, multiTopic }: Props) {
  const status = member?.status ?? 'stopped';
  const assigned = member?.assigned ?? [];
  return (
    <li className={`member member--${status}`} data-testid={`member-${id}`} data-status={status}>
      <span className="member__light" aria-hidden="true" />
      <span className="member__id">{id}</span>
      <span className="member__status">{member ? status : '…'}</span>
      <span className={`member__parts${multiTopic ? ' member__parts--multi' : ''}`}>
        {assigned.length === 0 && <span className="member__none">no partitions</span>}
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
