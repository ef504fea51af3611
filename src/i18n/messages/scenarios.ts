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
};
