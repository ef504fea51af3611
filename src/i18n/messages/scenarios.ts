/**
 * Messages of the scenarios area (see README.md): the built-in scenarios' names and descriptions
 * (src/scenarios/*.json keep the English ones; src/scenarios/index.ts maps each id to its keys).
 */
import type { Messages } from '../types';

export const en = {
  'scenarios.orderFlow.name': 'E-commerce order flow',
  'scenarios.orderFlow.description':
    "The seed's order flow: OrderService publishes OrderCreated to order-events keyed by orderId; inventory, payment, email and analytics consume it; payment emits PaymentProcessed, shipping turns that into OrderShipped. Payment fails now and then and dead-letters after two retries.",
  'scenarios.crashBeforeCommit.name': 'Crash before commit',
  'scenarios.crashBeforeCommit.description':
    "At-least-once in action. Two groups read the same payments topic and one member of each crashes mid-batch, before committing. 'ledger' commits after processing: the crashed member's uncommitted records are redelivered to its partner and processed twice (duplicates). 'notifier' commits before processing (at-most-once): the records it had committed but not yet handled are lost.",
  'scenarios.orderingNeedsAKey.name': 'Ordering needs a key',
  'scenarios.orderingNeedsAKey.description':
    "Two shops send the same stream of order updates. 'keyed-shop' sends orderId as the record key: every update of an order goes to the same partition and is read in order. 'unkeyed-shop' keeps orderId only in the payload (null record key): the sticky partitioner spreads one order over all partitions, two consumers handle them at different speeds, and updates are applied out of order (see 'reordered' and the read models).",
  'scenarios.hotPartition.name': 'Hot partition from key skew',
  'scenarios.hotPartition.description':
    "Clicks are keyed by user id and a few users produce most of the traffic (zipf keys). Kafka's partitioner sends every record of a key to the same partition, so one partition runs hot: its consumer falls behind while the others sit idle, and adding consumers does not help.",
  'scenarios.brokerFailure.name': 'Broker failure: acks=1 vs acks=all',
  'scenarios.brokerFailure.description':
    'Three brokers, two replicated topics. The same checkout traffic goes to payments-fast with acks=1 (no idempotence) and to payments-safe with acks=all, min.insync.replicas=2 and idempotence. Broker 1, leader of several partitions, dies at 2 s before its followers have caught up, and acknowledgements are lost at 1 s and 4 s. Watch payments-fast lose acknowledged records and append retried ones twice, while payments-safe loses nothing and keeps every record once, in order.',
  'scenarios.rabbitmqLogsTopic.name': 'RabbitMQ: logs_topic routing',
  'scenarios.rabbitmqLogsTopic.description':
    "The course note's topic exchange logs_topic: routing keys severity.component, a queue per binding (error.*, *.payment, #.kern). A message goes to every queue whose binding matches; a line no binding matches is unroutable and dropped.",
  'scenarios.rabbitmqWorkQueue.name': 'RabbitMQ: work queue, fair dispatch',
  'scenarios.rabbitmqWorkQueue.description':
    'One task_queue, two competing workers: fast (10 ms a task) and slow (100 ms). With prefetch_count=1 RabbitMQ sends a worker its next task only after it acked the last, so the fast worker takes most of them. The slow worker crashes at 3,000 ms: its unacknowledged task comes back with redelivered=true.',
  'scenarios.rabbitmqRetryWithDelay.name': 'RabbitMQ: retry with delay (TTL + dead-lettering)',
  'scenarios.rabbitmqRetryWithDelay.description':
    "A payment worker fails 30% of its attempts and rejects the message with requeue=false. The work queue's x-dead-letter-exchange sends it to retry, whose wait queue holds it for x-message-ttl 1,000 ms and then dead-letters it back to the work queue: a retry a second later, counted in the x-death header.",
  'scenarios.rabbitmqPoisonMessage.name':
    'RabbitMQ: poison message, with and without a delivery limit',
  'scenarios.rabbitmqPoisonMessage.description':
    'At 1,000 ms each publisher sends one message its worker can never handle. In the classic queue jobs.classic the worker nacks it with requeue=true and gets it back at once, redelivered, again and again: it loops until the run ends. The quorum queue jobs.quorum has x-delivery-limit 3: after the limit RabbitMQ dead-letters it (reason delivery_limit) to jobs.dead.',
  'scenarios.kafkaToRabbitmq.name': 'Kafka to RabbitMQ: order notifications',
  'scenarios.kafkaToRabbitmq.description':
    'OrderService publishes OrderCreated to the Kafka topic order-events. The notification-bridge service (a Kafka consumer group) turns each into OrderConfirmed and publishes it to the RabbitMQ topic exchange notifications with the routing key order.OrderConfirmed (the template order. followed by the event type); the queues email and sms are bound to it, each with its own consumer. One broker keeps the ordered log, the other routes work to the workers.',
  'scenarios.exactlyOnce.name': 'Exactly-once vs at-least-once',
  'scenarios.exactlyOnce.description':
    "The same read-process-write service twice, under the same crash. ledger-eos is transactional (transactional.id): each batch's LedgerEntry records and its consumed offsets commit together, and the crashed member's open transaction is aborted when its restarted instance calls initTransactions. ledger-alo commits offsets after processing, without transactions: its output is written twice. audit-eos and audit-alo read with isolation.level=read_committed: only audit-alo sees outputs twice. audit-dirty reads the transactional topic with read_uncommitted and reads the aborted records. Both ledgers still process records twice: a side effect outside Kafka is repeated either way.",
  'scenarios.zombieFenced.name': 'A zombie producer fenced',
  'scenarios.zombieFenced.description':
    "ledger is a transactional service (transactional.ids tx-ledger-1 and tx-ledger-2): each batch's LedgerEntry records and its consumed offsets commit together. A burst at 2,000 ms fills its batches, and at 2,200 ms ledger-1 freezes in a 2,500 ms pause (a stop-the-world GC) with a transaction open. With no heartbeat within session.timeout.ms (1,500 ms) the coordinator removes it at 3,500 ms; the group rebalances and ledger-2 processes its partitions again from the committed offsets. The zombie wakes at 4,700 ms, finishes its batch and tries to commit: the group coordinator refuses its offsets (UNKNOWN_MEMBER_ID, KIP-447 group metadata), so it aborts its transaction. audit reads with isolation.level=read_committed and sees every LedgerEntry once; audit-dirty reads with read_uncommitted and also processed the zombie's aborted records.",
  'scenarios.retentionOutrunsConsumer.name': 'Retention outruns a slow consumer',
  'scenarios.retentionOutrunsConsumer.description':
    "web writes 15 PageViewed records a second to clicks (3 partitions), whose log keeps records for retention.ms=3000: segment.ms=1000 rolls a new segment every second, and the retention check (every 500 ms from 1,000 ms) deletes each closed segment once its newest record is older than 3,000 ms, moving the partition's log start offset up. dashboard (2 ms a record) keeps up. archiver (150 ms a record) falls further behind every second until its position is below the log start offset: OFFSET_OUT_OF_RANGE, and auto.offset.reset=earliest moves it to the log start. The records deleted before it read them are lost to it, and it happens again while it stays this slow. archiver-latest is just as slow with auto.offset.reset=latest: it jumps to the log end and also skips every record still in the log.",
  'scenarios.addingPartitions.name': 'Adding partitions breaks key order',
  'scenarios.addingPartitions.description':
    "The orders topic grows from 4 to 6 partitions at 3,000 ms while the billing group is behind. The shop's producer learns of the new partitions at its next metadata refresh (metadata.max.age.ms 1000) and now sends keys whose murmur2 hash modulo 6 differs from modulo 4 to other partitions; billing's leader notices too and the group rebalances. A moved key's new records land in a partition with a shorter backlog (or a new, empty one) and are processed before its older records still waiting in the old one: per-key order breaks (see 'reordered' and the anomalies).",
  'scenarios.compactedTable.name': 'A compacted topic as a table',
  'scenarios.compactedTable.description':
    'customers is a compacted topic (cleanup.policy=compact) used as a table of customer profiles keyed by customer id. crm writes the profiles of 12 customers until 6,000 ms, crm-active keeps updating five of them until 16,000 ms, and gdpr erases customers by sending tombstones (tombstoneShare=1: the key with a null value) between 6,200 and 8,200 ms. Segments roll every second (segment.ms=1000) and the log cleaner looks every second (log.cleaner.backoff.ms=1000): it keeps only the latest record per key, so the partition strip shows holes where older values were cleaned away, and a tombstone goes delete.retention.ms (3,000 ms) after its first cleaning. profile-cache keeps up: its table matches the log. search-index crashes at 5,000 ms and restarts at 14,000 ms, down for longer than delete.retention.ms: the tombstones of three erased customers were removed meanwhile, so its table still holds them (missed tombstones). audit starts at 16,000 ms from the earliest offset and rebuilds the table from the compacted log alone: the latest profile of each customer, none of the erased ones.',
  'scenarios.esOptimisticConcurrency.name': 'Event store: two writers on one aggregate',
  'scenarios.esOptimisticConcurrency.description':
    "The shop sends six AddItem commands for one order to the Kafka topic order-commands, 25 ms apart. The order aggregate's two command handlers take them in turns, each reading the stream order-1 and deciding for 40 ms. When both read the same version, the second append fails with WrongExpectedVersion: that handler reads again and retries. With maxRetries 2, a command that loses three times fails.",
  'scenarios.esStaleRead.name': 'Event store: a stale read after a command',
  'scenarios.esStaleRead.description':
    "Deposit commands come from the Kafka topic account-commands; the account handler appends each to its stream (account-key-1 to account-key-3). The async projection balances needs 60 ms per event, so a query right after a command can read a balance that lacks it. balance-page reads at once (a stale read: behind in events and ms); balance-page-ryw uses readYourWrites and waits until the read model has the command's version.",
  'scenarios.esDoubleCount.name': 'Event store: a projection that double-counts after a crash',
  'scenarios.esDoubleCount.description':
    "The shop's AddItem commands arrive on the Kafka topic cart-commands (streams cart-0 to cart-2). Two async projections read the cart streams and write a checkpoint every 5 events. At 1,130 ms both crash between handling events and writing their next checkpoint, and restart from it: they handle the events since the checkpoint again. item-counter adds one per event and counts them twice; item-count-idempotent keeps the last version per stream and skips what it has seen.",
  'scenarios.esRebuildReadModel.name': 'Event store: rebuilding a read model from zero',
  'scenarios.esRebuildReadModel.description':
    "Orders are placed through the Kafka topic order-commands for 3,000 ms; the async projection order-totals keeps a read model of each order stream. At 2,000 ms it is dropped and rebuilt: the projection replays $all from position 0 up to the position it had reached, while new orders keep arriving. The rebuild's progress climbs until it has replayed everything; a query that reads meanwhile sees a read model still filling up.",
  'scenarios.esUpcasting.name': 'Event store: upcasting v1 events to v2',
  'scenarios.esUpcasting.description':
    'Two aggregates, fed by the Kafka topics payment-commands and invoice-commands, write version 1 events (an amount, no currency). At 1,000 ms new code is deployed for both: it writes version 2 events with a currency and expects version 2 on read. payment has an upcaster from v1 to v2 that fills in the default currency EUR, so its old events still read; its snapshots (every 5 events) written by the old code have snapshot schema version 1 and are ignored until new ones are taken. invoice has none: every command on a stream that holds v1 events fails, because its handler cannot read them.',
} as const;

export const zh: Messages<typeof en> = {
  'scenarios.orderFlow.name': '电商订单流程',
  'scenarios.orderFlow.description':
    '课程笔记中的订单流程：OrderService 以 orderId 为键把 OrderCreated 发布到 order-events；库存、支付、邮件和分析服务消费它；支付服务发出 PaymentProcessed，发货服务再把它变成 OrderShipped。支付偶尔失败，重试两次后进入死信队列。',
  'scenarios.crashBeforeCommit.name': '提交前崩溃',
  'scenarios.crashBeforeCommit.description':
    "至少一次（at-least-once）的实际表现。两个消费者组读取同一个 payments 主题，每组各有一个成员在批次处理到一半、提交之前崩溃。'ledger' 在处理之后提交：崩溃成员未提交的记录被重新投递给同组的另一个成员，处理了两次（重复）。'notifier' 在处理之前提交（至多一次，at-most-once）：已提交但尚未处理的记录丢失了。",
  'scenarios.orderingNeedsAKey.name': '有序需要键',
  'scenarios.orderingNeedsAKey.description':
    "两家店铺发送相同的订单更新流。'keyed-shop' 把 orderId 作为记录的键：同一订单的所有更新进入同一个分区，并按顺序被读取。'unkeyed-shop' 只把 orderId 放在 payload 里（记录键为 null）：粘性分区器把一个订单分散到所有分区，两个消费者以不同速度处理，更新被乱序应用（见 'reordered' 和读模型）。",
  'scenarios.hotPartition.name': '键倾斜导致的热点分区',
  'scenarios.hotPartition.description':
    '点击事件以用户 id 为键，少数用户产生了大部分流量（zipf 分布的键）。Kafka 的分区器把同一个键的所有记录发往同一个分区，于是一个分区成为热点：它的消费者越来越滞后，其他消费者却闲着，增加消费者也无济于事。',
  'scenarios.brokerFailure.name': 'Broker 故障：acks=1 与 acks=all',
  'scenarios.brokerFailure.description':
    '三个 broker，两个多副本主题。同样的结账流量以 acks=1（不启用幂等）发往 payments-fast，以 acks=all、min.insync.replicas=2 并启用幂等发往 payments-safe。broker 1 是多个分区的领导者，在 2 秒时宕机，此时其追随者尚未追上；在 1 秒和 4 秒时确认丢失。可以看到 payments-fast 丢失了已确认的记录，并把重试的记录追加了两次；而 payments-safe 没有丢失任何记录，每条记录只保存一次，且保持顺序。',
  'scenarios.rabbitmqLogsTopic.name': 'RabbitMQ：logs_topic 路由',
  'scenarios.rabbitmqLogsTopic.description':
    '课程笔记中的 topic 交换机 logs_topic：路由键为 severity.component，每个绑定对应一个队列（error.*、*.payment、#.kern）。一条消息会进入所有绑定键匹配的队列；没有任何绑定匹配的日志无法路由，被丢弃。',
  'scenarios.rabbitmqWorkQueue.name': 'RabbitMQ：工作队列与公平分发',
  'scenarios.rabbitmqWorkQueue.description':
    '一个 task_queue，两个竞争的 worker：fast（每个任务 10 ms）和 slow（100 ms）。prefetch_count=1 时，RabbitMQ 只在 worker 确认（ack）上一个任务之后才投递下一个，所以 fast 拿到了大部分任务。slow 在 3,000 ms 时崩溃：它未确认的任务以 redelivered=true 重新投递。',
  'scenarios.rabbitmqRetryWithDelay.name': 'RabbitMQ：延迟重试（TTL + 死信）',
  'scenarios.rabbitmqRetryWithDelay.description':
    '支付 worker 的处理有 30% 失败，失败时以 requeue=false 拒绝消息。工作队列的 x-dead-letter-exchange 把它送到 payments.retry，等待队列按 x-message-ttl 保留 1,000 ms 后再把它死信回工作队列：一秒后重试，次数记在 x-death 头里。',
  'scenarios.rabbitmqPoisonMessage.name': 'RabbitMQ：毒消息，有无投递上限',
  'scenarios.rabbitmqPoisonMessage.description':
    '在 1,000 ms 时，每个发布者各发出一条 worker 永远处理不了的消息。在经典队列 jobs.classic 中，worker 以 requeue=true nack 它，立刻又以 redelivered 收到它，一次又一次：循环直到运行结束。仲裁队列 jobs.quorum 设置了 x-delivery-limit 3：超过上限后 RabbitMQ 把它死信（原因 delivery_limit）到 jobs.dead。',
  'scenarios.kafkaToRabbitmq.name': '从 Kafka 到 RabbitMQ：订单通知',
  'scenarios.kafkaToRabbitmq.description':
    '订单服务把 OrderCreated 发布到 Kafka 主题 order-events。notification-bridge 服务（一个 Kafka 消费者组）把每条事件转换成 OrderConfirmed，以路由键 order.OrderConfirmed（模板 order. 加上事件类型）发布到 RabbitMQ 的 topic 交换机 notifications；队列 email 和 sms 绑定到它，各有自己的消费者。一个 broker 保存有序的日志，另一个把工作路由给 worker。',
  'scenarios.exactlyOnce.name': '精确一次与至少一次',
  'scenarios.exactlyOnce.description':
    '同一个“读取-处理-写入”服务运行两份，经历同样的崩溃。ledger-eos 是事务型的（transactional.id）：每个批次写出的 LedgerEntry 记录和它消费的偏移量一起提交；崩溃成员留下的未完成事务，会在它重启后的实例调用 initTransactions 时被中止。ledger-alo 不用事务，处理之后提交偏移量：它的输出被写了两次。audit-eos 和 audit-alo 以 isolation.level=read_committed 读取：只有 audit-alo 看到重复的输出。audit-dirty 以 read_uncommitted 读取事务型主题，读到了被中止的记录。两个 ledger 都把部分记录处理了两次：无论哪种方式，Kafka 之外的副作用都会重复。',
  'scenarios.zombieFenced.name': '被隔离的僵尸生产者',
  'scenarios.zombieFenced.description':
    'ledger 是一个事务型服务（transactional.id 为 tx-ledger-1 和 tx-ledger-2）：每个批次写出的 LedgerEntry 记录和它消费的偏移量一起提交。2,000 ms 的突发流量让批次变满，2,200 ms 时 ledger-1 在一个未完成的事务中卡住，暂停 2,500 ms（一次 stop-the-world GC）。它在 session.timeout.ms（1,500 ms）内没有心跳，协调者在 3,500 ms 把它移出消费者组；消费者组再平衡，ledger-2 从已提交的偏移量开始重新处理它的分区。僵尸在 4,700 ms 醒来，处理完手上的批次并尝试提交：组协调者拒绝了它的偏移量（UNKNOWN_MEMBER_ID，KIP-447 的消费者组元数据检查），于是它中止了自己的事务。audit 以 isolation.level=read_committed 读取，每条 LedgerEntry 只看到一次；audit-dirty 以 read_uncommitted 读取，还处理了僵尸被中止的记录。',
  'scenarios.retentionOutrunsConsumer.name': '保留策略追上慢消费者',
  'scenarios.retentionOutrunsConsumer.description':
    'web 每秒向 clicks（3 个分区）写入 15 条 PageViewed 记录，这个主题的日志只保留 retention.ms=3000：segment.ms=1000 让它每秒滚动出一个新的日志段，保留检查（从 1,000 ms 起每 500 ms 一次）在一个已关闭日志段的最新记录超过 3,000 ms 后删除它，分区的日志起始偏移量（log start offset）随之上移。dashboard（每条 2 ms）跟得上。archiver（每条 150 ms）每秒都落后得更多，直到它的位置低于日志起始偏移量：OFFSET_OUT_OF_RANGE，auto.offset.reset=earliest 把它移到日志起始处。它还没读就被删除的记录，对它来说就丢失了；只要它一直这么慢，这种事就会一再发生。archiver-latest 同样慢，但用的是 auto.offset.reset=latest：它直接跳到日志末尾，连日志里还在的记录也全部跳过。',
  'scenarios.addingPartitions.name': '增加分区打破键的顺序',
  'scenarios.addingPartitions.description':
    "orders 主题在 3,000 ms 时从 4 个分区扩到 6 个分区，而 billing 消费者组正落后于生产。shop 生产者在下一次元数据刷新时（metadata.max.age.ms 1000）得知新分区，此后把 murmur2 哈希对 6 取模与对 4 取模不同的键发往别的分区；billing 的组长也注意到了变化，消费者组随之再平衡。被移动的键的新记录落在积压较少的分区里，先于它仍在旧分区中等待的更早记录被处理：同一键的顺序被打破（见 'reordered' 和异常列表）。",
  'scenarios.compactedTable.name': '压缩主题当作表',
  'scenarios.compactedTable.description':
    'customers 是一个压缩主题（cleanup.policy=compact），用作以客户 id 为键的客户资料表。crm 在 6,000 ms 之前写入 12 位客户的资料，crm-active 持续更新其中五位直到 16,000 ms，gdpr 在 6,200 到 8,200 ms 之间发送墓碑消息（tombstoneShare=1：带键、值为 null 的记录）来删除客户。日志段每秒滚动一次（segment.ms=1000），日志清理器每秒检查一次（log.cleaner.backoff.ms=1000）：它只保留每个键的最新记录，所以分区条上较旧的值被清理掉的地方会留下空洞，墓碑消息在第一次被清理之后再过 delete.retention.ms（3,000 ms）才会被删除。profile-cache 跟得上：它的表与日志一致。search-index 在 5,000 ms 崩溃、14,000 ms 重启，停机时间超过 delete.retention.ms：其间三位被删除客户的墓碑消息已被清理，所以它的表里仍有这三位客户（错过的墓碑消息）。audit 在 16,000 ms 从最早的偏移量开始读取，只凭压缩后的日志重建整张表：每位客户的最新资料，没有任何被删除的客户。',
  'scenarios.esOptimisticConcurrency.name': '事件存储：同一聚合上的两个写入者',
  'scenarios.esOptimisticConcurrency.description':
    'shop 把同一个订单的六条 AddItem 命令发到 Kafka 主题 order-commands，每 25 ms 一条。order 聚合的两个命令处理器轮流处理，每个都先读取流 order-1，再花 40 ms 做决定。当两者读到同一版本时，后追加的那个以 WrongExpectedVersion 失败：该处理器重新读取并重试。maxRetries 为 2 时，连续三次冲突的命令就会失败。',
  'scenarios.esStaleRead.name': '事件存储：命令之后的陈旧读',
  'scenarios.esStaleRead.description':
    '存款命令来自 Kafka 主题 account-commands；account 命令处理器把每条命令追加到对应的流（account-key-1 到 account-key-3）。异步投影 balances 每个事件要 60 ms，所以命令刚完成时的查询可能读到还不包含它的余额。balance-page 立即读取（陈旧读：落后若干事件和毫秒）；balance-page-ryw 使用 readYourWrites，等到读模型达到命令返回的版本再读。',
  'scenarios.esDoubleCount.name': '事件存储：崩溃后重复计数的投影',
  'scenarios.esDoubleCount.description':
    'shop 的 AddItem 命令经 Kafka 主题 cart-commands 到达（流 cart-0 到 cart-2）。两个异步投影读取 cart 的各个流，每 5 个事件写一次检查点。在 1,130 ms，两者都在处理了事件、尚未写下一个检查点时崩溃，并从检查点重启：检查点之后的事件被再处理一遍。item-counter 每个事件加一，于是把它们计了两次；item-count-idempotent 按流记录最后的版本，跳过已经见过的事件。',
  'scenarios.esRebuildReadModel.name': '事件存储：从零重建读模型',
  'scenarios.esRebuildReadModel.description':
    '订单在前 3,000 ms 内经 Kafka 主题 order-commands 不断下达；异步投影 order-totals 为每个订单流维护读模型。在 2,000 ms 读模型被丢弃并重建：投影从位置 0 重放 $all，直到它之前到达的位置，同时新订单继续到达。重建进度逐步上升，直到全部重放完成；期间读取的查询看到的是仍在填充的读模型。',
  'scenarios.esUpcasting.name': '事件存储：把 v1 事件上转换为 v2',
  'scenarios.esUpcasting.description':
    '两个聚合分别由 Kafka 主题 payment-commands 和 invoice-commands 输入命令，写入版本 1 的事件（有金额，没有币种）。在 1,000 ms 两者都部署了新代码：写入带币种的版本 2 事件，读取时也期望版本 2。payment 有一个从 v1 到 v2 的上转换器，填入默认币种 EUR，所以旧事件仍然可读；旧代码写的快照（每 5 个事件一个）快照模式版本为 1，在新快照写入之前被忽略。invoice 没有上转换器：在含有 v1 事件的流上，每条命令都会失败，因为它的处理器读不了这些事件。',
};
