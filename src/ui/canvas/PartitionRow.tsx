import { partitionBar, type CommitMark } from './partitionScale';

export const BAR_WIDTH = 150;
const BAR_HEIGHT = 12;

interface Props {
  topic: string;
  partition: number;
  logEndOffset: number;
  marks: CommitMark[];
  scale: (offset: number) => number;
}

/** One partition: a bar filled to its log-end offset, with a tick per group at its committed offset. */
export function PartitionRow({ topic, partition, logEndOffset, marks, scale }: Props) {
  const bar = partitionBar(logEndOffset, marks, scale);
  const tip = [`${topic}-${partition}: log-end offset ${logEndOffset}`, ...bar.ticks.map((t) => `${t.group}: lag ${t.lag}`)].join('\n');
  return (
    <div className="partition" title={tip}>
      <span className="partition__label">P{partition}</span>
      <svg className="partition__bar" width={BAR_WIDTH} height={BAR_HEIGHT} aria-hidden="true">
        <rect className="partition__track" width={BAR_WIDTH} height={BAR_HEIGHT} rx={3} />
        <rect className="partition__fill" width={bar.fillWidth} height={BAR_HEIGHT} rx={3} />
        {bar.ticks.map((t) => (
          <rect key={t.group} x={Math.min(Math.max(0, t.x - 1), BAR_WIDTH - 2)} y={-1} width={2} height={BAR_HEIGHT + 2} fill={t.color} />
        ))}
      </svg>
      <span className="partition__leo num" data-testid={`leo-${topic}-${partition}`}>
        {logEndOffset}
      </span>
    </div>
  );
}
