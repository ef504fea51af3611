/** Messages of the canvas area (see README.md). */
import type { Messages } from '../types';

export const en = {
  'canvas.empty.title': 'An empty canvas',
  'canvas.empty.hint':
    'Drag a Producer, a Topic and a Consumer group from the palette (or click them), then connect them: drag from a node’s right handle to the next node, or pick connections in the properties panel.',
  'canvas.minimap': 'Minimap',

  'canvas.kind.producer': 'Producer',
  'canvas.kind.topic': 'Topic',
  'canvas.kind.consumerGroup': 'Consumer group',
  'canvas.kind.amqpConsumers': 'Consumers',
  'canvas.kind.service': 'Service',
  'canvas.kind.deadLetterTopic': 'Dead-letter topic',
  'canvas.kind.readModel': 'Read model',

  'canvas.node.unnamed': 'unnamed',
  'canvas.node.moreIssues': '…and {n, number} more (see the properties panel)',

  'canvas.edge.invalid': 'Invalid edge: {reason}',
  'canvas.edge.rate': '{flow}: {rate}',
  'canvas.flow.produce': 'produce',
  'canvas.flow.consume': 'consume',
  'canvas.flow.emit': 'emit',
  'canvas.flow.deadLetter': 'dead letter',
  'canvas.flow.invalid': 'invalid',

  'canvas.fork.title': 'Run {name} changed these settings of this node',
  'canvas.fork.text': 'run {name}: {changes}',
  'canvas.change.idempotent': 'idempotent consumer',
  'canvas.change.notIdempotent': 'not idempotent',
  'canvas.change.rate': 'rate {rate}',
  'canvas.change.set': '{name} = {value}',
  'canvas.change.default': 'default',

  'canvas.rate': '{approx}{rate}/s',
  'canvas.rate.bursts': '{rate}, {n, plural, one {# burst} other {# bursts}}',
  'canvas.keys.null': 'null keys (sticky)',
  'canvas.keys.fixed': '{n, plural, one {# fixed key} other {# fixed keys}}',
  'canvas.keys.uniform': '{n} keys, uniform',
  'canvas.keys.zipf': '{n} keys, zipf s={s}',
  'canvas.keys.notSent': '{keys}, not sent',
  'canvas.dist.default': 'default',
  'canvas.dist.notSet': 'not set',
  'canvas.dist.ms': '{ms} ms',
  'canvas.dist.uniform': '{min}–{max} ms',
  'canvas.dist.exponential': '~{mean} ms (exp)',
  'canvas.dist.normal': '{mean}±{sd} ms',
  'canvas.commit.after': 'commit after processing',
  'canvas.commit.before': 'commit before processing',
  'canvas.commit.none': 'no commits',
  'canvas.commit.auto': 'auto-commit',
  'canvas.processing': 'processing {time}',

  'canvas.group.rebalancing': 'rebalancing',
  'canvas.group.generation': 'gen {n}',
  'canvas.group.settings': '{n, plural, one {# member} other {# members}} · {strategy} · {commit}',
  'canvas.group.idempotent': 'idempotent',
  'canvas.group.emits': 'on {on} → emits {types}',
  'canvas.group.emitsNothing': 'nothing',
  'canvas.group.transactional': 'transactional · {id}',
  'canvas.group.transactionalTitle':
    'transactional.id={id} ({token} is each member’s id): every poll’s batch is one transaction. The records it emits and its consumed offsets (sendOffsetsToTransaction) commit together, or abort together; a restarted instance fences the old one (epoch bump).',
  'canvas.group.readCommitted': 'read_committed',
  'canvas.group.readCommittedTitle':
    'isolation.level=read_committed: reads up to the last stable offset (LSO) and skips records of aborted transactions; its lag is measured to the LSO',

  'canvas.stat.lag': 'lag',
  'canvas.stat.processed': 'processed',
  'canvas.stat.duplicates': 'duplicates',
  'canvas.stat.lost': 'lost',
  'canvas.stat.produced': 'produced',
  'canvas.stat.published': 'published',
  'canvas.stat.abortedRead': 'read aborted',
  'canvas.stat.abortedReadTitle':
    'isolation.level=read_uncommitted: records of aborted transactions this group processed (dirty reads). With read_committed it would have skipped them.',
  'canvas.stat.outputDuplicates': 'outputs twice',
  'canvas.stat.outputDuplicatesTitle':
    'Outputs of the same input this group processed a second time: the writer re-emitted after a crash or rebalance. A transactional writer read with read_committed never shows them.',
  'canvas.stat.lagLsoTitle': 'read_committed: lag measured to the last stable offset (LSO)',

  'canvas.member.running': 'running',
  'canvas.member.idle': 'running (idle)',
  'canvas.member.joining': 'joining',
  'canvas.member.rebalancing': 'rebalancing',
  'canvas.member.paused': 'paused',
  'canvas.member.crashed': 'crashed',
  'canvas.member.stopped': 'stopped',
  'canvas.member.notStarted': 'not started',
  'canvas.member.noPartitions': 'no partitions',

  'canvas.producer.event': 'event',
  'canvas.producer.rate': 'rate',
  'canvas.producer.keys': 'keys',
  'canvas.producer.acks': 'acks',

  'canvas.topic.partitions': '{n, plural, one {# partition} other {# partitions}}',
  'canvas.topic.records': 'records',
  'canvas.topic.markers': 'markers',
  'canvas.topic.legend': '▼ position · ▮ committed · ┃ HW',
  'canvas.topic.legendHelp':
    '▼ a group’s position (next fetch) · ▮ below: its committed offset · dark bar: high watermark',
  'canvas.topic.legendTxn': '┆ LSO · ┃ COMMIT · ╳ ABORT · ▨ aborted · ▢ open',
  'canvas.topic.legendTxnHelp':
    'Transactions. Dashed orange bar: the last stable offset (LSO), while an open transaction holds it below the high watermark. Tall green bar: a COMMIT marker; tall red bar crossed out: an ABORT marker (markers take an offset; no consumer sees them). Grey cell struck through: a record of an aborted transaction (read_committed skips it, read_uncommitted reads it). Dim outlined cell: a record of an open transaction (read_committed waits for it).',

  'canvas.readModel.table': 'table',
  'canvas.readModel.rowsNewest': 'rows · newest',
  'canvas.readModel.key': 'key',
  'canvas.readModel.events': 'events',
  'canvas.readModel.lastEvent': 'last event',
  'canvas.readModel.empty': 'no rows yet',

  'canvas.strips.partition': 'P{p}',
  'canvas.strips.partitionCol': 'P',
  'canvas.strips.selected': 'the selected anomaly: offset {offset}',
  'canvas.strips.tip': '{topic}-{p}: log-end offset {leo}',
  'canvas.strips.tipReader': '{group}: committed {committed}, position {position}, lag {lag}',
  'canvas.strips.summary': 'P0–P{last} · max {max} · mean {mean}',
  'canvas.strips.showBars': 'show bars',
  'canvas.strips.showTable': 'show table',
  'canvas.strips.logEnd': 'log-end',
  'canvas.strips.lag': 'lag',
  'canvas.strips.lagHelp': '{group}: lag = log-end − committed',
  'canvas.strips.lso': 'LSO {lso}',
  'canvas.strips.lsoTitle':
    'Last stable offset {lso}, below the high watermark {hw}: a transaction that starts at {lso} is still open. read_committed groups read up to the LSO (their lag is measured to it); read_uncommitted groups read up to the high watermark.',
  'canvas.strips.lsoCol': 'LSO',
  'canvas.strips.lsoHelp':
    'last stable offset: below it every transaction is decided; read_committed groups read up to it, and their lag is measured to it',
  'canvas.strips.tipLso': 'last stable offset (LSO) {lso} = high watermark: no open transaction',
  'canvas.strips.tipLsoHeld':
    'last stable offset (LSO) {lso} < high watermark {hw}: an open transaction starts at {lso}; read_committed groups read no further until it commits or aborts',
  'canvas.strips.tipTxn':
    'newest {n} offsets: {commits} COMMIT and {aborts} ABORT markers, {aborted} records of aborted transactions, {open} of open ones',
  'canvas.strips.tipReaderCommitted':
    '{group} (read_committed): committed {committed}, position {position}, lag {lag} (to the LSO)',
  'canvas.strips.held': 'LSO < HW: {n}',
  'canvas.strips.heldTitle':
    'Partitions whose last stable offset (LSO) is below the high watermark: an open transaction holds read_committed groups there. Orange on a bar: the undecided span from the LSO to the high watermark; red at its end: an ABORT marker or aborted records among the newest records.',

  'canvas.menu.title': 'Inject now into {name}',
  'canvas.menu.duration': 'Pauses and cut links last',
  'canvas.menu.seconds': '{s} s',
  'canvas.menu.invalid': 'The design has problems: fix them to inject faults.',
  'canvas.menu.nothing': 'Nothing to inject here.',
  'canvas.menu.hint':
    'Forks the timeline at the cursor; the previous future stays as the other run.',
  'canvas.inject.crash': 'Crash {member}',
  'canvas.inject.pause': 'Pause {member} for {s} s',
  'canvas.inject.restart': 'Restart {member}',
  'canvas.inject.leave': '{member} leaves the group',
  'canvas.inject.cutCoordinator': 'Cut {member} off from the coordinator for {s} s',
  'canvas.inject.poison': 'Send a poison message',
  'canvas.inject.ackLoss': 'Lose the next {n} acks',
  'canvas.inject.producerRestart': 'Restart the producer (new producer id)',
  'canvas.inject.producerRestartTxn':
    'Restart the producer (initTransactions fences the old instance)',
  'canvas.inject.txnCoordinatorFailover': 'Fail over the transaction coordinator for {s} s',
  'canvas.inject.cutBroker': 'Cut off from broker-{b} for {s} s',
  'canvas.inject.brokerDown': 'Take broker {b} down',
  'canvas.inject.brokerUp': 'Bring broker {b} back up',
  'canvas.inject.connectionLoss': '{member} loses its connection for {s} s',
  'canvas.inject.rabbitmqRestart': 'Restart the RabbitMQ broker',

  'canvas.export.noCanvas': 'this browser cannot draw on a canvas',
  'canvas.export.noPng': 'the PNG could not be made',
  'canvas.svg.event': 'event {type}',
  'canvas.svg.rate': 'rate {rate}',
  'canvas.svg.keys': 'keys {keys}',
  'canvas.svg.produced': 'produced {n}',
  'canvas.svg.logEnd': 'P{p}  log-end offset {leo}',
  'canvas.svg.members': '{n, plural, one {# member} other {# members}} · {commit}',
  'canvas.svg.lag': 'lag {lag} · processed {processed}',
  'canvas.svg.counts': 'duplicates {duplicates} · lost {lost}',

  // RabbitMQ (issue 11): exchanges, queues, bindings, publishers and consumers on the canvas.
  'canvas.kind.exchange': 'Exchange',
  'canvas.kind.queue': 'Queue',
  'canvas.flow.publish': 'publish',
  'canvas.flow.bind': 'binding',
  'canvas.design.edge.amqp':
    '{source, select, producer {a producer} topic {a topic} deadLetterTopic {a dead-letter topic} consumerGroup {a consumer group} service {a service} readModel {a read model} exchange {an exchange} other {a queue}} cannot be connected to {target, select, producer {a producer} topic {a topic} deadLetterTopic {a dead-letter topic} consumerGroup {a consumer group} service {a service} readModel {a read model} exchange {an exchange} other {a queue}}: a producer publishes to an exchange, an exchange is bound to a queue or an exchange, a queue is consumed by a consumer group or a service',
  'canvas.design.manyExchanges': 'publishes to one exchange, but is connected to {exchanges}',
  'canvas.design.topicAndExchange':
    'writes to a topic or publishes to an exchange, not both: remove one connection',
  'canvas.design.queueAndTopic': 'reads topics or one queue, not both: remove one connection',
  'canvas.design.manyQueues': 'consumes one queue, but is connected to {queues}',
  'canvas.design.dlqForQueue':
    'a consumer of a queue dead-letters through the queue’s x-dead-letter-exchange, not to a dead-letter topic',
  'canvas.exchange.alternate': 'alternate-exchange → {exchange}',
  'canvas.exchange.routed': 'routed',
  'canvas.exchange.unroutable': 'unroutable',
  'canvas.exchange.internal': 'internal',
  'canvas.exchange.durable': 'durable',
  'canvas.exchange.transient': 'transient',
  'canvas.queue.ready': 'Ready',
  'canvas.queue.unacked': 'Unacked',
  'canvas.queue.consumers': 'Consumers',
  'canvas.queue.deadLetter': 'dead letters → {exchange}',
  'canvas.queue.noLimits': 'no limits',
  'canvas.consumer.settings':
    '{n, plural, one {# consumer} other {# consumers}} · prefetch {prefetch} · {ack, select, auto {auto-ack} other {manual ack}}',
  'canvas.consumer.unlimited': 'unlimited',
  'canvas.consumer.status':
    '{status, select, connecting {connecting} crashed {crashed} disconnected {connection lost} other {{status}}}',
  'canvas.consumer.redelivered': '↻ {n} redelivered',
  'canvas.consumer.redeliveredTitle':
    'Deliveries this consumer received with redelivered=true. Click: the newest one’s lineage (event {id})',
  'canvas.consumer.window': 'Unacked / prefetch',
  'canvas.consumer.requeue': 'on failure: nack {requeue, select, yes {requeue} other {no requeue}}',
  'canvas.publisher.routingKey': 'routing key',
  'canvas.publisher.flags': 'flags',
  'canvas.publisher.noFlags': 'none',
  'canvas.binding.emptyKey': '(empty key)',
  'canvas.binding.title': 'Binding {source} → {destination}: {key}',
  'canvas.binding.count': '· {n}',
  'canvas.binding.routed': '{n} messages routed through this binding so far',

  'canvas.retention.logStart':
    'log start offset {logStart}: offsets below it were deleted by retention (retention.ms / retention.bytes)',
  'canvas.retention.logStartZero': 'log start offset 0: retention has deleted nothing yet',
  'canvas.retention.segments':
    '{n, plural, one {# segment} other {# segments}}; the active one (being written) starts at {active}: {records, plural, one {# record} other {# records}}',
  'canvas.topic.legendRetention': '[ log start · ╎ segments · ▭ active · ⬚ deleted',
  'canvas.topic.legendRetentionHelp':
    'The log over time. Red bracket: the log start offset; the dashed cells left of it are records retention deleted (a consumer whose position is below it gets OFFSET_OUT_OF_RANGE). Cuts in the strip: boundaries between segments, each deleted whole once older than retention.ms (or while the log is over retention.bytes). Blue outline: the active segment, the one being written; it is never deleted.',
  'canvas.retention.logStartCol': 'start',
  'canvas.retention.logStartHelp':
    'log start offset: retention deleted the records below it; a group whose position is below it gets OFFSET_OUT_OF_RANGE',
  'canvas.topic.added': ' (+{n} added)',
  'canvas.topic.addedTitle':
    'Partitions added during the run (kafka-topics.sh --alter --partitions): keyed records whose murmur2 hash modulo the new count differs go to other partitions from the producer’s next metadata refresh',
  'canvas.compaction.label': 'whole log (compacted)',
  'canvas.compaction.title':
    'The log cleaner keeps the latest record per key: each bar is a partition from offset 0 to its log end; empty where older values were cleaned away (offsets are never renumbered), red where a tombstone (a delete) still stands.',
  'canvas.compaction.summary':
    '{kept} of {offsets} offsets hold a record · {holes} cleaned · {tombstones, plural, one {# tombstone} other {# tombstones}}',
} as const;

export const zh: Messages<typeof en> = {
  'canvas.empty.title': '空白画布',
  'canvas.empty.hint':
    '从组件面板拖入（或点击）一个生产者、一个主题和一个消费者组，然后把它们连起来：从节点右侧的连接点拖到下一个节点，或在属性面板中选择连接。',
  'canvas.minimap': '缩略图',

  'canvas.kind.producer': '生产者',
  'canvas.kind.topic': '主题',
  'canvas.kind.consumerGroup': '消费者组',
  'canvas.kind.amqpConsumers': '消费者',
  'canvas.kind.service': '服务',
  'canvas.kind.deadLetterTopic': '死信主题',
  'canvas.kind.readModel': '读模型',

  'canvas.node.unnamed': '未命名',
  'canvas.node.moreIssues': '……还有 {n, number} 个问题（见属性面板）',

  'canvas.edge.invalid': '无效的连线：{reason}',
  'canvas.edge.rate': '{flow}：{rate}',
  'canvas.flow.produce': '生产',
  'canvas.flow.consume': '消费',
  'canvas.flow.emit': '发出',
  'canvas.flow.deadLetter': '死信',
  'canvas.flow.invalid': '无效',

  'canvas.fork.title': '运行 {name} 修改了此节点的这些设置',
  'canvas.fork.text': '运行 {name}：{changes}',
  'canvas.change.idempotent': '幂等消费者',
  'canvas.change.notIdempotent': '非幂等',
  'canvas.change.rate': '速率 {rate}',
  'canvas.change.set': '{name} = {value}',
  'canvas.change.default': '默认',

  'canvas.rate': '{approx}{rate} 条/秒',
  'canvas.rate.bursts': '{rate}，{n, plural, other {# 次突发}}',
  'canvas.keys.null': 'null 键（粘性分区）',
  'canvas.keys.fixed': '{n, plural, other {# 个固定键}}',
  'canvas.keys.uniform': '{n} 个键，均匀分布',
  'canvas.keys.zipf': '{n} 个键，zipf s={s}',
  'canvas.keys.notSent': '{keys}，不发送键',
  'canvas.dist.default': '默认',
  'canvas.dist.notSet': '未设置',
  'canvas.dist.ms': '{ms} ms',
  'canvas.dist.uniform': '{min}–{max} ms',
  'canvas.dist.exponential': '~{mean} ms（指数分布）',
  'canvas.dist.normal': '{mean}±{sd} ms',
  'canvas.commit.after': '处理后提交',
  'canvas.commit.before': '处理前提交',
  'canvas.commit.none': '不提交',
  'canvas.commit.auto': '自动提交',
  'canvas.processing': '处理耗时 {time}',

  'canvas.group.rebalancing': '再平衡中',
  'canvas.group.generation': '第 {n} 代',
  'canvas.group.settings': '{n, plural, other {# 个成员}} · {strategy} · {commit}',
  'canvas.group.idempotent': '幂等',
  'canvas.group.emits': '收到 {on} → 发出 {types}',
  'canvas.group.emitsNothing': '无',
  'canvas.group.transactional': '事务 · {id}',
  'canvas.group.transactionalTitle':
    'transactional.id={id}（{token} 即各成员的 id）：每次 poll 的一批记录是一个事务。它发出的记录和它消费的偏移量（sendOffsetsToTransaction）一起提交，或一起中止；重启后的新实例会隔离（fence）旧实例（epoch 递增）。',
  'canvas.group.readCommitted': 'read_committed',
  'canvas.group.readCommittedTitle':
    'isolation.level=read_committed：只读到最后稳定偏移量（LSO），跳过已中止事务的记录；它的滞后按 LSO 计算',

  'canvas.stat.lag': '滞后',
  'canvas.stat.processed': '已处理',
  'canvas.stat.duplicates': '重复',
  'canvas.stat.lost': '丢失',
  'canvas.stat.produced': '已生产',
  'canvas.stat.published': '已发布',
  'canvas.stat.abortedRead': '读到已中止',
  'canvas.stat.abortedReadTitle':
    'isolation.level=read_uncommitted：这个组处理过的、属于已中止事务的记录（脏读）。用 read_committed 会跳过它们。',
  'canvas.stat.outputDuplicates': '输出重复',
  'canvas.stat.outputDuplicatesTitle':
    '这个组对同一条输入的输出处理了第二次：上游在崩溃或再平衡后又发出了一次。事务型的上游配合 read_committed 读取时不会出现。',
  'canvas.stat.lagLsoTitle': 'read_committed：滞后按最后稳定偏移量（LSO）计算',

  'canvas.member.running': '运行中',
  'canvas.member.idle': '运行中（空闲）',
  'canvas.member.joining': '加入中',
  'canvas.member.rebalancing': '再平衡中',
  'canvas.member.paused': '已暂停',
  'canvas.member.crashed': '已崩溃',
  'canvas.member.stopped': '已停止',
  'canvas.member.notStarted': '未启动',
  'canvas.member.noPartitions': '无分区',

  'canvas.producer.event': '事件',
  'canvas.producer.rate': '速率',
  'canvas.producer.keys': '键',
  'canvas.producer.acks': 'acks',

  'canvas.topic.partitions': '{n, plural, other {# 个分区}}',
  'canvas.topic.records': '条记录',
  'canvas.topic.markers': '标记',
  'canvas.topic.legend': '▼ 位置 · ▮ 已提交 · ┃ HW',
  'canvas.topic.legendHelp':
    '▼ 消费者组的位置（下次拉取）· ▮ 下方：已提交偏移量 · 深色竖条：高水位（HW）',
  'canvas.topic.legendTxn': '┆ LSO · ┃ COMMIT · ╳ ABORT · ▨ 已中止 · ▢ 未完成',
  'canvas.topic.legendTxnHelp':
    '事务。橙色虚线竖条：最后稳定偏移量（LSO），在未完成的事务让它低于高水位时显示。高的绿色竖条：COMMIT 标记；打叉的高红色竖条：ABORT 标记（标记占用一个偏移量，任何消费者都看不到）。划掉的灰色格子：已中止事务的记录（read_committed 跳过，read_uncommitted 会读到）。淡色描边格子：未完成事务的记录（read_committed 要等它）。',

  'canvas.readModel.table': '表',
  'canvas.readModel.rowsNewest': '行 · 最新',
  'canvas.readModel.key': '键',
  'canvas.readModel.events': '事件数',
  'canvas.readModel.lastEvent': '最后事件',
  'canvas.readModel.empty': '暂无数据',

  'canvas.strips.partition': 'P{p}',
  'canvas.strips.partitionCol': 'P',
  'canvas.strips.selected': '选中的异常：偏移量 {offset}',
  'canvas.strips.tip': '{topic}-{p}：日志末端偏移量 {leo}',
  'canvas.strips.tipReader': '{group}：已提交 {committed}，位置 {position}，滞后 {lag}',
  'canvas.strips.summary': 'P0–P{last} · 最大 {max} · 平均 {mean}',
  'canvas.strips.showBars': '显示条形',
  'canvas.strips.showTable': '显示表格',
  'canvas.strips.logEnd': '日志末端',
  'canvas.strips.lag': '滞后',
  'canvas.strips.lagHelp': '{group}：滞后 = 日志末端 − 已提交',
  'canvas.strips.lso': 'LSO {lso}',
  'canvas.strips.lsoTitle':
    '最后稳定偏移量 {lso}，低于高水位 {hw}：从 {lso} 开始的一个事务仍未完成。read_committed 的消费者组只读到 LSO（滞后也按它计算）；read_uncommitted 的消费者组读到高水位。',
  'canvas.strips.lsoCol': 'LSO',
  'canvas.strips.lsoHelp':
    '最后稳定偏移量：其下的事务都已有结果；read_committed 的消费者组只读到这里，滞后也按它计算',
  'canvas.strips.tipLso': '最后稳定偏移量（LSO）{lso} = 高水位：没有未完成的事务',
  'canvas.strips.tipLsoHeld':
    '最后稳定偏移量（LSO）{lso} < 高水位 {hw}：一个未完成的事务从 {lso} 开始；在它提交或中止之前，read_committed 的消费者组不会读得更远',
  'canvas.strips.tipTxn':
    '最新 {n} 个偏移量：{commits} 个 COMMIT 标记、{aborts} 个 ABORT 标记，{aborted} 条已中止事务的记录，{open} 条未完成事务的记录',
  'canvas.strips.tipReaderCommitted':
    '{group}（read_committed）：已提交 {committed}，位置 {position}，滞后 {lag}（到 LSO）',
  'canvas.strips.held': 'LSO < HW：{n}',
  'canvas.strips.heldTitle':
    'LSO 低于高水位的分区：一个未完成的事务让 read_committed 的消费者组停在那里。条形上的橙色：从 LSO 到高水位的未决区间；末端的红色：最新记录中有 ABORT 标记或已中止的记录。',

  'canvas.menu.title': '立即注入到 {name}',
  'canvas.menu.duration': '暂停与断连持续',
  'canvas.menu.seconds': '{s} 秒',
  'canvas.menu.invalid': '设计中有问题：修复后才能注入故障。',
  'canvas.menu.nothing': '这里没有可注入的故障。',
  'canvas.menu.hint': '在光标处分叉时间线；原来的未来保留为另一次运行。',
  'canvas.inject.crash': '让 {member} 崩溃',
  'canvas.inject.pause': '暂停 {member} {s} 秒',
  'canvas.inject.restart': '重启 {member}',
  'canvas.inject.leave': '{member} 离开消费者组',
  'canvas.inject.cutCoordinator': '切断 {member} 与协调者的连接 {s} 秒',
  'canvas.inject.poison': '发送一条毒消息',
  'canvas.inject.ackLoss': '丢失接下来的 {n} 个确认',
  'canvas.inject.producerRestart': '重启生产者（新的 producer id）',
  'canvas.inject.producerRestartTxn': '重启生产者（initTransactions 隔离旧实例）',
  'canvas.inject.txnCoordinatorFailover': '让事务协调器故障转移 {s} 秒',
  'canvas.inject.cutBroker': '与 broker-{b} 断连 {s} 秒',
  'canvas.inject.brokerDown': '让 broker {b} 宕机',
  'canvas.inject.brokerUp': '让 broker {b} 恢复',
  'canvas.inject.connectionLoss': '{member} 断开连接 {s} 秒',
  'canvas.inject.rabbitmqRestart': '重启 RabbitMQ broker',

  'canvas.export.noCanvas': '此浏览器无法在 canvas 上绘图',
  'canvas.export.noPng': '无法生成 PNG',
  'canvas.svg.event': '事件 {type}',
  'canvas.svg.rate': '速率 {rate}',
  'canvas.svg.keys': '键 {keys}',
  'canvas.svg.produced': '已生产 {n}',
  'canvas.svg.logEnd': 'P{p}  日志末端偏移量 {leo}',
  'canvas.svg.members': '{n, plural, other {# 个成员}} · {commit}',
  'canvas.svg.lag': '滞后 {lag} · 已处理 {processed}',
  'canvas.svg.counts': '重复 {duplicates} · 丢失 {lost}',

  // RabbitMQ（issue 11）
  'canvas.kind.exchange': '交换机',
  'canvas.kind.queue': '队列',
  'canvas.flow.publish': '发布',
  'canvas.flow.bind': '绑定',
  'canvas.design.edge.amqp':
    '{source, select, producer {生产者} topic {主题} deadLetterTopic {死信主题} consumerGroup {消费者组} service {服务} readModel {读模型} exchange {交换机} other {队列}}不能连到{target, select, producer {生产者} topic {主题} deadLetterTopic {死信主题} consumerGroup {消费者组} service {服务} readModel {读模型} exchange {交换机} other {队列}}：生产者发布到交换机，交换机绑定到队列或交换机，队列由消费者组或服务消费',
  'canvas.design.manyExchanges': '只能发布到一个交换机，但连到了 {exchanges}',
  'canvas.design.topicAndExchange':
    '要么写入主题，要么发布到交换机，不能两者都连：请删除其中一个连接',
  'canvas.design.queueAndTopic': '要么读取主题，要么消费一个队列，不能两者都连：请删除其中一个连接',
  'canvas.design.manyQueues': '只能消费一个队列，但连到了 {queues}',
  'canvas.design.dlqForQueue':
    '队列的消费者通过队列的 x-dead-letter-exchange（死信交换机）投递死信，而不是发到死信主题',
  'canvas.exchange.alternate': 'alternate-exchange（备用交换机）→ {exchange}',
  'canvas.exchange.routed': '已路由',
  'canvas.exchange.unroutable': '无法路由',
  'canvas.exchange.internal': 'internal',
  'canvas.exchange.durable': '持久',
  'canvas.exchange.transient': '非持久',
  'canvas.queue.ready': 'Ready',
  'canvas.queue.unacked': 'Unacked',
  'canvas.queue.consumers': '消费者',
  'canvas.queue.deadLetter': '死信 → {exchange}',
  'canvas.queue.noLimits': '无限制',
  'canvas.consumer.settings':
    '{n, plural, other {# 个消费者}} · 预取 {prefetch} · {ack, select, auto {自动确认} other {手动确认}}',
  'canvas.consumer.unlimited': '不限',
  'canvas.consumer.status':
    '{status, select, connecting {连接中} crashed {已崩溃} disconnected {连接已断开} other {{status}}}',
  'canvas.consumer.redelivered': '↻ 重新投递 {n} 次',
  'canvas.consumer.redeliveredTitle':
    '该消费者收到的 redelivered=true 的投递。点击查看最新一条的血缘（事件 {id}）',
  'canvas.consumer.window': 'Unacked / 预取',
  'canvas.consumer.requeue': '失败时：nack {requeue, select, yes {并重新入队} other {不重新入队}}',
  'canvas.publisher.routingKey': '路由键',
  'canvas.publisher.flags': '选项',
  'canvas.publisher.noFlags': '无',
  'canvas.binding.emptyKey': '（空路由键）',
  'canvas.binding.title': '绑定 {source} → {destination}：{key}',
  'canvas.binding.count': '· {n}',
  'canvas.binding.routed': '到目前为止经此绑定路由的消息：{n} 条',

  'canvas.retention.logStart':
    '日志起始偏移量 {logStart}：它之前的偏移量已被保留策略删除（retention.ms / retention.bytes）',
  'canvas.retention.logStartZero': '日志起始偏移量 0：保留策略还没有删除任何记录',
  'canvas.retention.segments':
    '{n} 个日志段；活跃日志段（正在写入）从 {active} 开始：{records} 条记录',
  'canvas.topic.legendRetention': '[ 日志起始 · ╎ 日志段 · ▭ 活跃段 · ⬚ 已删除',
  'canvas.topic.legendRetentionHelp':
    '日志随时间的变化。红色方括号：日志起始偏移量；它左边的虚线格子是被保留策略删除的记录（位置低于它的消费者会收到 OFFSET_OUT_OF_RANGE）。条中的切口：日志段之间的边界；一个日志段比 retention.ms 更旧（或日志超过 retention.bytes）时整段删除。蓝色边框：活跃日志段，正在写入的那一段，它永远不会被删除。',
  'canvas.retention.logStartCol': '起始',
  'canvas.retention.logStartHelp':
    '日志起始偏移量：保留策略已删除它之前的记录；位置低于它的消费者组会收到 OFFSET_OUT_OF_RANGE',
  'canvas.topic.added': '（新增 {n} 个）',
  'canvas.topic.addedTitle':
    '运行中新增的分区（kafka-topics.sh --alter --partitions）：从生产者下一次元数据刷新起，murmur2 哈希对新分区数取模结果不同的键会被发往其他分区',
  'canvas.compaction.label': '整个日志（已压缩）',
  'canvas.compaction.title':
    '日志清理器只保留每个键的最新记录：每一条表示一个分区，从偏移量 0 到日志末端；较旧的值被清理掉的地方是空的（偏移量从不重新编号），仍保留墓碑消息（删除）的地方是红色。',
  'canvas.compaction.summary':
    '{offsets} 个偏移量中有 {kept} 个保有记录 · 已清理 {holes} 个 · 墓碑消息 {tombstones} 条',
};
