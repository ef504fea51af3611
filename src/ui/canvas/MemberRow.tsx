import { useT, type MessageKey } from '../../i18n';
import type { MemberView } from '../../worker/view';

interface Props {
  id: string;
  member: MemberView | undefined;
  /** The group is rebalancing: a member that still works says so. */
  rebalancing: boolean;
  /** A member holds partitions of more than one topic: name the topic of each. */
  multiTopic: boolean;
}

const WORD: Record<string, MessageKey> = {
  running: 'canvas.member.running',
  idle: 'canvas.member.idle',
  joining: 'canvas.member.joining',
  awaiting: 'canvas.member.rebalancing',
  paused: 'canvas.member.paused',
  crashed: 'canvas.member.crashed',
  stopped: 'canvas.member.stopped',
};

/** One consumer: status light, id, state and the partitions it is assigned. */
export function MemberRow({ id, member, rebalancing, multiTopic }: Props) {
  const t = useT();
  const status = member?.status ?? 'stopped';
  const wordKey: MessageKey | null = member
    ? rebalancing && (status === 'running' || status === 'idle' || status === 'joining')
      ? 'canvas.member.rebalancing'
      : (WORD[status] ?? null)
    : 'canvas.member.notStarted';
  const word = wordKey ? t(wordKey) : status;
  const assigned = member?.assigned ?? [];
  return (
    <li
      className={`member member--${status}${wordKey === 'canvas.member.rebalancing' ? ' member--rebalancing' : ''}`}
      data-testid={`member-${id}`}
      data-status={status}
    >
      <span className="member__light" aria-hidden="true" />
      <span className="member__id">{id}</span>
      <span className="member__status">{word}</span>
      <span className={`member__parts${multiTopic ? ' member__parts--multi' : ''}`}>
        {member && assigned.length === 0 && (
          <span className="member__none">{t('canvas.member.noPartitions')}</span>
        )}
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
