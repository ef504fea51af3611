/**
 * Messages of the explain area: anomaly explanations and lineage lines (src/insight builds them
 * as Msg data; see src/insight/README.md). Times are a parameter already formatted the app's one
 * way ("3,250.4 ms"); counts go through plurals. Optional clauses are parameters that are either a
 * nested message or '' (so both languages can place them where their grammar wants).
 */
import type { Messages } from '../types';

export const en = {
  // Times, counts, subjects
  'explain.time.never': 'never',
  'explain.time.beginning': 'the beginning',
  'explain.time.unknown': 'an unknown time',
  'explain.times': '{n, plural, =1 {once} =2 {twice} =3 {three times} other {# times}}',
  'explain.times.forever': 'forever',
  'explain.records': '{n, plural, =1 {1 record} other {# records}}',
  'explain.records.unknown': 'an unknown number of records',
  'explain.subject.consumer': 'consumer {member}',
  'explain.subject.Consumer': 'Consumer {member}',
  'explain.subject.it': 'it',
  'explain.limit': ' ({time})',
  'explain.list': '{a}; {b}',

  // Why the coordinator removed a member
  'explain.why.maxPoll': '{subject} went longer than max.poll.interval.ms{limit} without polling',
  'explain.why.paused':
    '{subject} was paused at {at} for {duration}, longer than session.timeout.ms{session}',
  'explain.why.silent': '{subject} sent no heartbeat after {at} for session.timeout.ms{session}',

  // Last commits
  'explain.commit.none': 'no offset had been committed on {tp} yet',
  'explain.commit.own': 'its last commit was {offset}, at {at}',
  'explain.commit.other': "the group's last commit on {tp} was {offset}, by {member} at {at}",

  // Duplicates
  'explain.duplicate.redelivery':
    '{place} was processed {times} by group {group}: {why}.{absorbed, select, yes { The second delivery was absorbed by the dedup store (an idempotent consumer): the side effect ran once.} other {}}',
  'explain.duplicate.setbackThenResume': '{setback}; {resume}',
  'explain.duplicate.crash':
    'consumer {member} crashed at {at} after processing it and before committing ({lastCommit})',
  'explain.duplicate.removed':
    '{reason}, so the coordinator removed it at {at} {late, select, yes {and it processed this record afterwards, as a zombie, without being able to commit it} other {after it had processed this record and before it committed}} ({lastCommit}){rejection}',
  'explain.duplicate.andRejection': '; {rejection}',
  'explain.duplicate.rejected':
    "consumer {member}'s commit of offset {offset} at {at} was rejected with {error} ({why}), so the group's committed offset {stayed}",
  'explain.duplicate.rejected.generation':
    'it committed with generation {generation}, but a rebalance had moved the group to generation {groupGeneration}',
  'explain.duplicate.rejected.removed': 'the coordinator had already removed it from the group',
  'explain.duplicate.stayedAt': 'stayed at {offset}',
  'explain.duplicate.stayedUnset': 'stayed unset',
  'explain.duplicate.resumed':
    'after the rebalance at {at} {member} {how, select, rejoined {rejoined} other {was assigned the partition}} and resumed from the committed offset {position}',
  'explain.duplicate.again': '{member} processed it again at {at}',
  'explain.duplicate.zombie':
    '{reason}, so the coordinator removed it at {removedAt} and at {assignedAt} gave {tp} to {owner}, which resumed{from} and processed this record; {member} still held it in the batch it had fetched and processed it again at {at}, as a zombie',
  'explain.duplicate.fromCommitted': ' from the committed offset {position}',
  'explain.duplicate.behind':
    "the group's committed offset was behind it ({committed}), so it was delivered again",
  'explain.duplicate.committedBy': '{offset} (committed by {member} at {at})',
  'explain.duplicate.unset': 'unset',
  'explain.duplicate.offsetsExpired':
    '{group} had no member from {since}, and after offsets.retention.minutes ({minutes} min) the group coordinator removed its committed offset {offset} on {tp} at {at}; with no committed offset, auto.offset.reset=earliest sent the next member back to the log start',
  'explain.duplicate.txnAborted':
    "{member}'s transaction {txn} was aborted at {at} ({reason}), so it sought back to the committed offset {position} and processed the records again in a new transaction",

  // Transactions
  'explain.txn.aborted':
    'transaction {txn} of {tid} (producer id {pid}, epoch {epoch}) was aborted at {at}: {reason}',
  'explain.txn.fencedByRestart':
    "{tid}'s restarted instance called initTransactions and got epoch {newEpoch}, which fenced the crashed instance (epoch {epoch}) and aborted the transaction it had left open",
  'explain.txn.timedOut':
    '{member} kept it open longer than transaction.timeout.ms ({ms, number} ms), so the transaction coordinator aborted it and bumped the epoch',
  'explain.txn.staleGeneration':
    "{member}'s sendOffsetsToTransaction carried an old group generation (the group had rebalanced without it), so the commit was refused with ILLEGAL_GENERATION and it aborted: KIP-447 fences a zombie by its group metadata",
  'explain.txn.removedMember':
    '{member} had been removed from the group, so its sendOffsetsToTransaction was refused with UNKNOWN_MEMBER_ID and it aborted: KIP-447 fences a zombie by its group metadata',
  'explain.txn.closed': '{member} closed and aborted its open transaction',
  'explain.txn.abortableError':
    "a send of {member} failed for good (delivery.timeout.ms ran out), which left the transaction in an abortable error state: commitTransaction failed and the application aborted it (and sent the transaction's records again in a new one)",
  'explain.txn.dirtyRead':
    '{place} was processed by group {group} (isolation.level=read_uncommitted) {when, select, before {before its transaction was decided} other {although its transaction was already aborted}}: {abort}. The record never committed; a read_committed consumer skips it, and the input is processed again, so its output is written again.',
  'explain.txn.outputDuplicate':
    '{place} ({type} written by {service} for the input {input}) was processed by group {group}, which had already processed an output of the same input at {first}: {why}.',
  'explain.txn.outputAfterAbort':
    'the first copy belonged to an aborted transaction ({abort}), and read_uncommitted read it',
  'explain.txn.outputTwiceNoTxn':
    '{service} processed the input twice and, without transactions (transactional.id), wrote its output both times',
  'explain.txn.outputTwiceCommitted':
    '{service} committed the output twice, which transactions should prevent',
  'explain.duplicate.appendedTwice':
    'Event {eventId} from producer {producer} was appended twice: at {first} ({firstAt}) and again at {second} ({secondAt}). The producer retried a send whose acknowledgement it never got, and without enable.idempotence=true the broker wrote the record a second time; every group reading {topic} will process both copies.',
  'explain.duplicate.restartedTwice':
    'Event {eventId} from producer {producer} was appended twice: at {first} ({firstAt}) and again at {second} ({secondAt}). {producer} restarted at {restartAt} with a new producer id ({pid}, before: {previousPid}) and sent again every record it had not seen acknowledged; this one was already in the log. The leader deduplicates retries by producer id and sequence number, so enable.idempotence holds within one producer session only: a copy sent by the new session is a new record, and every group reading {topic} will process both.',

  // Reordering
  'explain.reordered.append':
    "Producer {producer} appended event {eventId} of key {key} ({place}, at {at}) after its later event {laterId} ({laterPlace}, at {laterAt}): the log holds {key}'s events out of send order. With retries and max.in.flight.requests.per.connection > 1 (and no enable.idempotence=true), a failed batch is retried behind a later one, and every consumer will see {key}'s events in this wrong order.",
  'explain.reordered.processed':
    "{key}'s events were processed out of order by group {group}: {member} processed event {eventId} ({place}) at {at}, after the later event {laterId} ({laterPlace}){by}. {diagnosis}",
  'explain.reordered.laterOffset': 'a later offset',
  'explain.reordered.processedBy': ', which {member} had processed at {at}',
  'explain.reordered.nullKey':
    "Producer {producer} sends these records with a null key ({field}{key} is only in the payload), so the sticky partitioner spread {key}'s events over {there} and {here}, and Kafka keeps order only within one partition.",
  'explain.reordered.zombie':
    '{reason}, so the coordinator removed it at {at}{owner}; but {member} kept processing the batch it had already fetched, as a zombie.',
  'explain.reordered.gaveTo': ' and gave {tp} to {member}',
  'explain.reordered.order':
    'Kafka promises order per producer and key only within one partition and one owner at a time.',

  // Loss
  'explain.lost.never': '{place} ({records}) will never be processed by group {group}',
  'explain.lost.resetLatestExpired':
    '{head}: {group} had no member from {since}, and after offsets.retention.minutes ({minutes} min) the group coordinator removed its committed offset {offset} on {tp} at {expiredAt}. With no committed offset and auto.offset.reset=latest, {member} started at the log end ({end}) when it was assigned the partition at {at}: what was written while the group was away is skipped.',
  'explain.lost.resetLatest':
    '{head}: the group had no committed offset on {tp}, and with auto.offset.reset=latest {member} started at the log end ({end}) when it was assigned the partition at {at}.',
  'explain.lost.skipped':
    '{head}: {story}; after the rebalance at {at} {member} started from the committed offset {end}.{zombie, select, yes { Only the zombie, if it is still processing its batch, may yet handle some of them.} other {}}',
  'explain.lost.alreadyCommitted': "the group's committed offset was already {end}",
  'explain.lost.committedBefore':
    'consumer {member} committed offset {end} at {at} before processing them (commit before processing is at-most-once)',
  'explain.lost.noneDone': 'before processing any of them',
  'explain.lost.doneUpTo': 'having processed only up to {last}',
  'explain.lost.thenCrashed': '{commit}, then crashed at {at} {done}',
  'explain.lost.thenRemoved':
    '{commit}; then {reason}, so the coordinator removed it at {at} {done}',
  'explain.lost.gaveUp': '{commit}, and gave up the partition {done}',
  'explain.lost.retention':
    '{place} ({n, plural, =1 {1 record} other {# records}}) {n, plural, =1 {was} other {were}} deleted by {by} before group {group} read {n, plural, =1 {it} other {them}}; {then}.',
  'explain.lost.retention.by': '{config}={limit} at {at}',
  'explain.lost.retention.byUnknown': 'retention',
  'explain.lost.retention.outOfRange':
    'its position {position} was below the log start offset {logStart} (OFFSET_OUT_OF_RANGE), so {reset} moved it to {resetTo}',
  'explain.lost.retention.noCommit':
    'it had no committed offset, so auto.offset.reset=earliest started it at the log start offset {logStart}',
  'explain.lost.resetLatestOutOfRange':
    "{head}: consumer {member}'s position {position} was below the log start offset {logStart} (OFFSET_OUT_OF_RANGE), and auto.offset.reset=latest moved it to the log end ({end}) at {at}.",
  'explain.lost.removed':
    '{place} ({n, plural, =1 {1 record) was} other {# records) were}} removed from the log at {at} ({reason})',
  'explain.lost.truncatedAcked':
    '{cut}: {acked} to the producer and {n, plural, =1 {is} other {are}} gone for good ({readers}).{retried}',
  'explain.lost.ackedIt': 'it had been acknowledged',
  'explain.lost.ackedAll': 'all {n} had been acknowledged',
  'explain.lost.ackedSome': '{acked} of them had been acknowledged',
  'explain.lost.noReader': 'no group reads {topic}',
  'explain.lost.notProcessed': 'group {group} had not processed {records} of them',
  'explain.lost.alreadyProcessed': 'group {group} had already processed them',
  'explain.lost.retried':
    ' The other {n, plural, =1 {1 record} other {# records}} had not been acknowledged, so the producer retries {n, plural, =1 {it} other {them}}: not lost.',
  'explain.lost.truncatedGroup':
    '{cut}: group {group} will never process {records} of them that had been acknowledged to the producer; it had committed up to {committed}, and its consumers continue from the new log end {end}.{retried}',
  'explain.lost.requestLost':
    'Producer {producer} sent {n, plural, =1 {1 record} other {# records}} to {tp} at {at} with acks=0, so it counted {n, plural, =1 {it} other {them}} as written, but the request never reached the broker: lost without anyone being told.',
  'explain.lost.ackedTruncated':
    'Producer {producer} got the acknowledgement for {n, plural, =1 {1 record} other {# records}} of {tp} at {at}, but by then the log had been truncated below {n, plural, =1 {it} other {them}} (a new leader with a shorter log): acknowledged, yet not in the log.',
  'explain.lost.stranded':
    '{head}: {who}; {what}, and whoever gets {tp} next starts from the committed offset {end}.',
  'explain.lost.committedPast': 'the group committed past them',
  'explain.lost.thenMemberCrashed': 'then {member} crashed at {at}',
  'explain.lost.thenMemberLeft': 'then {member} left the group at {at}',
  'explain.lost.thenTaken': 'then the partition was taken from {member} at {at}',
  'explain.lost.itsOwner': 'its owner',
  'explain.lost.recounted':
    '{n, plural, =1 {1 record} other {# records}} of {tp} counted as lost to group {group} {n, plural, =1 {was} other {were}} processed after all{by} at {at} (a zombie finishing the batch it had fetched).',
  'explain.lost.byMember': ' by {member}',
  'explain.lost.recovered':
    '{place}, which group {group} had skipped past (counted as lost), was {how, select, dead {handled (dead-lettered)} other {processed}} after all by {member} at {at}: a zombie finishing the batch it had fetched before it was removed. It is no longer lost.',
  'explain.truncated.unclean': 'an unclean leader election made broker {broker} leader',
  'explain.truncated.shorterLog': 'broker {broker} became leader with a shorter log',

  // Stuck
  'explain.stuck.poison':
    '{place} is stuck in group {group}: its handler failed {times} in a row (on {member}, first at {first}, last at {last}), and the partition cannot move past it while {records} wait behind it.{policy}',
  'explain.stuck.policy': ' Group {group} retries a failing record {times}, then {then}.',
  'explain.stuck.toDeadLetter': 'sends it to the dead-letter topic {topic}',
  'explain.stuck.drop': 'drops it (it has no dead-letter topic)',
  'explain.stuck.forever':
    ' Group {group} has no failure policy, so it retries the record forever: give it retries and a dead-letter topic to move on.',
  'explain.stuck.outage':
    '{tp} has had no live consumer in group {group} for {threshold} (since {since}) while {records} wait: {why}.',
  'explain.stuck.crashed':
    "its owner {member} crashed at {at}, and the coordinator hands a silent member's partitions on only after session.timeout.ms{session} without a heartbeat, or when the member restarts and rejoins",
  'explain.stuck.paused':
    'its owner {member} has been paused since {at}; it keeps the partition until it resumes or session.timeout.ms{session} passes',
  'explain.stuck.expired':
    'its owner {member} was removed from the group at {at}, and the rebalance has not given the partition to another member yet',
  'explain.stuck.left':
    'its owner {member} left the group at {at}, and no member has taken the partition yet',
  'explain.stuck.revoked':
    'it was revoked from {member} at {at} in a rebalance that has not completed',
  'explain.stuck.rejoining':
    '{member} gave it up at {at} to rejoin the group, and the rebalance has not completed',
  'explain.stuck.unassigned': 'no member of the group has been assigned it yet',

  // Lineage lines
  'explain.lineage.appended': 'appended by {producer} to {place}{key}',
  'explain.lineage.key': ' (key {key})',
  'explain.lineage.fetched': 'fetched by {member} ({group}) in offsets {from}…{last}',
  'explain.lineage.processed':
    'processed by {member} ({group}){redelivered, select, yes {, redelivered} other {}}{dedup, select, yes {, absorbed by the dedup store} other {}}{attempt}',
  'explain.lineage.attempt': ', attempt {attempt}',
  'explain.lineage.failed': 'handler failed in {member} ({group}), attempt {attempt}',
  'explain.lineage.deadLettered':
    'dead-lettered by {group}{to} after {attempts, plural, =1 {1 attempt} other {# attempts}}',
  'explain.lineage.toTopic': ' to {topic}',
  'explain.lineage.committed': 'committed past it by {member} ({group}), offset {offset}',

  // RabbitMQ's anomalies (names as RabbitMQ spells them: redelivered, x-death, mandatory…)
  'explain.amqp.aMessage': 'a message',
  'explain.amqp.why.crash':
    '{member} crashed at {at} with the delivery unacknowledged, so its channel closed and RabbitMQ requeued it (redelivered=true)',
  'explain.amqp.why.connection':
    "{member}'s connection dropped at {at} with the delivery unacknowledged, so RabbitMQ requeued it (redelivered=true)",
  'explain.amqp.why.restart':
    'the broker restarted at {at} with the delivery unacknowledged, so it went back to its durable queue',
  'explain.amqp.why.nack':
    '{member} {how, select, reject {rejected} other {nacked}} it at {at} with requeue=true, so RabbitMQ put it back in the queue (redelivered=true)',
  'explain.amqp.why.channel':
    "{member}'s channel was closed at {at} with the delivery unacknowledged, so RabbitMQ requeued it (redelivered=true)",
  'explain.amqp.why.deadLettered':
    'it was dead-lettered from {queue} at {at} (reason {reason}) and the dead-letter exchange routed it back to {target}',
  'explain.amqp.why.unknown': 'it was delivered again',
  'explain.amqp.duplicate':
    'Message {message} from queue {queue} was handled twice by consumer {consumer}: first by {first} at {firstAt}; {why}; {member} handled it again at {at}.{absorbed, select, yes { The dedup store (an idempotent consumer) absorbed it: the side effect ran once.} other {}}',
  'explain.amqp.reordered':
    'Message {message} was handled by {member} ({consumer}) at {at}, after {later}, published later for {entity}, had been handled by {laterMember} at {laterAt}: {why}.',
  'explain.amqp.reorder.requeue':
    'this message had come back to the queue ({requeue}), behind the later one',
  'explain.amqp.reorder.competing':
    'competing consumers: the queue gave the two messages to different members of {consumer} and {laterMember} finished first (a queue keeps its order only for a single consumer)',
  'explain.amqp.reorder.deadLetter':
    'this message had been dead-lettered from {queue} at {at} (reason {reason}) and came back later',
  'explain.amqp.reorder.unknown': 'it reached the consumer after the later message',
  'explain.amqp.lost.autoAck':
    '{n, plural, =1 {1 message} other {# messages}} ({ids}) delivered with auto-ack (no-ack) were lost {event, select, crash {when {member} ({consumer}) crashed} connection {when the connection of {member} ({consumer}) dropped} other {when the broker restarted}} at {at}: with auto-ack RabbitMQ counts a message acknowledged as soon as it sends it, so nothing was requeued',
  'explain.amqp.lost.autoAckFailed':
    "Message {message}'s handler failed in {member} at {at}; {consumer} uses auto-ack (no-ack), so RabbitMQ had already counted it acknowledged and nothing requeued it: lost",
  'explain.amqp.lost.unroutable':
    'Message {message}, published to exchange {exchange} with routing key {routingKey} at {at}, matched no binding and mandatory was not set: RabbitMQ dropped it silently (with mandatory=true the publisher would get basic.return 312 NO_ROUTE)',
  'explain.amqp.lost.disconnected':
    'Message {message} was sent by publisher {publisher} at {at} while its connection was down{since}: it never reached the broker',
  'explain.amqp.lost.sinceRestart':
    ' (the broker restarted at {at}; the client recovers its connection after 5 s)',
  'explain.amqp.lost.emitLost':
    'Service {service} published message {message} to exchange {exchange} at {at} while its channel was closed{since}: it never reached the broker, yet the service went on as if it had (nothing retries it)',
  'explain.amqp.lost.dropped':
    'Message {message} left queue {queue} at {at} ({reason}) and was dropped: {why}',
  'explain.amqp.lost.refused':
    'Queue {queue} was at its length limit at {at} and refused message {message} (x-overflow reject-publish): {how, select, confirm {the publisher got basic.nack and did not publish it again} deadLetter {it was a dead-lettered copy, so no publisher was told} other {without publisher confirms the publisher never knew}}, so that copy is gone',
  'explain.amqp.lost.deadLetterUnroutable':
    'Message {message} was dead-lettered from queue {queue} ({reason}) at {at} to exchange {exchange} with routing key {routingKey}, which routes it to no queue: RabbitMQ drops it silently',
  'explain.amqp.lost.restart':
    'The broker restarted at {at}: {n, plural, =1 {1 message was} other {# messages were}} gone (transient messages and the contents of non-durable queues do not survive a restart; durable queues keep persistent messages)',
  'explain.amqp.reason.rejected': 'reason rejected: a consumer rejected it with requeue=false',
  'explain.amqp.reason.expired': 'reason expired: its TTL (x-message-ttl or expiration) ran out',
  'explain.amqp.reason.maxlen':
    'reason maxlen: the queue was at its x-max-length or x-max-length-bytes',
  'explain.amqp.reason.deliveryLimit':
    'reason delivery_limit: it came back more often than x-delivery-limit allows',
  'explain.amqp.drop.noDeadLetterExchange': 'the queue has no x-dead-letter-exchange',
  'explain.amqp.drop.deadLetterExchangeMissing':
    'the queue names an x-dead-letter-exchange that does not exist',
  'explain.amqp.drop.cycle':
    'dead-lettering would send it round a cycle with no rejection in it, which RabbitMQ drops',
  'explain.amqp.drop.queueGone': 'its queue was gone',
  'explain.amqp.deadLettered':
    'Message {message} was dead-lettered from queue {queue} at {at} to exchange {exchange} ({reasonText}); x-death counts it {times} for {queue} with reason {reason}{routed}',
  'explain.amqp.deadLettered.to': '; it went to {queues}',
  'explain.amqp.deadLettered.nowhere': '; the dead-letter exchange routed it to no queue',
  'explain.amqp.stuck.poison':
    'Message {message} in queue {queue} was delivered {times} and never acknowledged (the last time to {member} at {at}): every handling fails and the message goes back to the queue, a poison loop. An x-delivery-limit (quorum queues), or a nack with requeue=false and a dead-letter exchange, would stop it.',

  // RabbitMQ lineage lines
  'explain.lineage.amqp.published':
    'published by {producer} to exchange {exchange} with routing key {routingKey}{queues}',
  'explain.lineage.amqp.into': ', into {queues}',
  'explain.lineage.amqp.binding': '{queue} (binding {binding})',
  'explain.lineage.amqp.noQueue':
    ', routed to no queue{mandatory, select, yes {} other {: dropped (mandatory not set)}}',
  'explain.lineage.amqp.sentDown': 'sent by {producer} while its connection was down: lost',
  'explain.lineage.amqp.returned': 'returned to the publisher: basic.return {code} {text}',
  'explain.lineage.amqp.delivered':
    'delivered from {queue} to {member} ({consumer}), delivery tag {tag}{redelivered, select, yes {, redelivered=true} other {}}{noAck, select, yes {, auto-ack} other {}}',
  'explain.lineage.amqp.handled':
    '{ok, select, yes {handled by {member} ({consumer})} other {handler failed in {member} ({consumer})}}{dedup, select, yes {, absorbed by the dedup store} other {}}',
  'explain.lineage.amqp.acked': 'acknowledged by {member} (basic.ack, delivery tag {tag})',
  'explain.lineage.amqp.requeued': 'requeued to {queue}: {why}',
  'explain.lineage.amqp.deadLettered':
    'dead-lettered from {queue} (reason {reason}) to exchange {exchange}, x-death count {count}{to}',
  'explain.lineage.amqp.dropped': 'dropped from {queue} ({reason}): {why}',
  'explain.lineage.amqp.lostAutoAck':
    'lost with auto-ack at {member}: {event, select, crash {it crashed} connection {its connection dropped} other {the broker restarted}}',
  'explain.reordered.partitionsAdded':
    'Key {key} moved from partition {oldPartition} to {newPartition} when {topic} grew from {from} to {to} partitions at {at}: the producer now sends it to toPositive(murmur2({key})) % {to} = {newPartition} instead of % {from} = {oldPartition}, so its later record went to partition {newPartition} and was processed while this earlier one still waited in partition {oldPartition}. Kafka keeps order per key only within one partition; adding partitions to a keyed topic breaks it across the change.{others, plural, =0 {} other { Other keys that moved: {moved}{more, plural, =0 {} other { and # more}}.}}',
  'explain.compaction.missedTombstone':
    'group {group} will never see that key {key} was deleted: its tombstone at {place} (written at {written}) was first cleaned at {cleaned} and removed at {removed}, delete.retention.ms={ms} later, before {group} read it; {member} passed its offset at {at}. Its table still holds {key} from {last}. A consumer must read a compacted topic within delete.retention.ms to see every delete.',
} as const;

export const zh: Messages<typeof en> = {
  'explain.time.never': '永不',
  'explain.time.beginning': '开始时',
  'explain.time.unknown': '未知时间',
  'explain.times': '{n, plural, other {# 次}}',
  'explain.times.forever': '无限次',
  'explain.records': '{n, plural, other {# 条记录}}',
  'explain.records.unknown': '数量未知的记录',
  // The subject is followed directly by a verb: a trailing space keeps "消费者 c-1 在…" spaced.
  'explain.subject.consumer': '消费者 {member} ',
  'explain.subject.Consumer': '消费者 {member} ',
  'explain.subject.it': '它',
  'explain.limit': '（{time}）',
  'explain.list': '{a}；{b}',

  'explain.why.maxPoll': '{subject}两次 poll 之间的间隔超过了 max.poll.interval.ms{limit}',
  'explain.why.paused': '{subject}在 {at} 被暂停了 {duration}，超过了 session.timeout.ms{session}',
  'explain.why.silent': '{subject}在 {at} 之后的 session.timeout.ms{session}内没有发送心跳',

  'explain.commit.none': '{tp} 上还没有提交过任何偏移量',
  'explain.commit.own': '它上一次提交的偏移量是 {offset}，在 {at}',
  'explain.commit.other': '消费者组在 {tp} 上的上一次提交是 {offset}，由 {member} 在 {at} 提交',

  'explain.duplicate.redelivery':
    '{place} 被消费者组 {group} 处理了 {times}：{why}。{absorbed, select, yes {第二次投递被去重存储吸收了（幂等消费者）：副作用只执行了一次。} other {}}',
  'explain.duplicate.setbackThenResume': '{setback}；{resume}',
  'explain.duplicate.crash':
    '消费者 {member} 在 {at} 处理完这条记录、还没来得及提交就崩溃了（{lastCommit}）',
  'explain.duplicate.removed':
    '{reason}，所以协调者在 {at} 把它移出了消费者组，{late, select, yes {之后它作为僵尸消费者处理了这条记录，却无法提交} other {当时它已经处理完这条记录、还没有提交}}（{lastCommit}）{rejection}',
  'explain.duplicate.andRejection': '；{rejection}',
  'explain.duplicate.rejected':
    '消费者 {member} 在 {at} 提交偏移量 {offset} 时被拒绝，错误为 {error}（{why}），所以消费者组已提交的偏移量{stayed}',
  'explain.duplicate.rejected.generation':
    '它提交时带的是第 {generation} 代，但一次再平衡已经把消费者组推进到了第 {groupGeneration} 代',
  'explain.duplicate.rejected.removed': '协调者已经把它移出了消费者组',
  'explain.duplicate.stayedAt': '仍然是 {offset}',
  'explain.duplicate.stayedUnset': '仍然未设置',
  'explain.duplicate.resumed':
    '在 {at} 的再平衡之后，{member} {how, select, rejoined {重新加入了消费者组} other {分到了这个分区}}，并从已提交的偏移量 {position} 继续消费',
  'explain.duplicate.again': '{member} 在 {at} 再次处理了它',
  'explain.duplicate.zombie':
    '{reason}，所以协调者在 {removedAt} 把它移出了消费者组，并在 {assignedAt} 把 {tp} 分配给了 {owner}，后者{from}继续消费并处理了这条记录；{member} 已拉取的批次里还留着这条记录，于是在 {at} 作为僵尸消费者再次处理了它',
  'explain.duplicate.fromCommitted': '从已提交的偏移量 {position} ',
  'explain.duplicate.behind': '消费者组已提交的偏移量落后于它（{committed}），所以它被再次投递',
  'explain.duplicate.committedBy': '{offset}，由 {member} 在 {at} 提交',
  'explain.duplicate.unset': '未设置',
  'explain.duplicate.offsetsExpired':
    '{group} 从 {since} 起没有任何成员，过了 offsets.retention.minutes（{minutes} 分钟）后，组协调器在 {at} 删除了它在 {tp} 上已提交的偏移量 {offset}；没有已提交的偏移量，auto.offset.reset=earliest 让下一个成员从日志起始处重新读取',
  'explain.duplicate.txnAborted':
    '{member} 的事务 {txn} 在 {at} 被中止（{reason}），所以它回退到已提交的偏移量 {position}，在新的事务中把这些记录重新处理了一遍',

  // 事务
  'explain.txn.aborted':
    '{tid} 的事务 {txn}（producer id {pid}，epoch {epoch}）在 {at} 被中止：{reason}',
  'explain.txn.fencedByRestart':
    '{tid} 重启后的实例调用了 initTransactions，拿到 epoch {newEpoch}，由此隔离（fence）了崩溃前的实例（epoch {epoch}），并中止了它遗留的未完成事务',
  'explain.txn.timedOut':
    '{member} 让事务保持打开的时间超过了 transaction.timeout.ms（{ms, number} ms），于是事务协调者中止了它并提升了 epoch',
  'explain.txn.staleGeneration':
    '{member} 的 sendOffsetsToTransaction 带着旧的消费者组代次（组已在它缺席时完成再平衡），提交被以 ILLEGAL_GENERATION 拒绝，它随即中止事务：KIP-447 通过组元数据隔离僵尸实例',
  'explain.txn.removedMember':
    '{member} 已被移出消费者组，它的 sendOffsetsToTransaction 被以 UNKNOWN_MEMBER_ID 拒绝，它随即中止事务：KIP-447 通过组元数据隔离僵尸实例',
  'explain.txn.closed': '{member} 关闭时中止了它未完成的事务',
  'explain.txn.abortableError':
    '{member} 的一次发送最终失败（delivery.timeout.ms 耗尽），事务进入可中止的错误状态：commitTransaction 失败，应用中止了该事务（并在新事务中重新发送了它的记录）',
  'explain.txn.dirtyRead':
    '{place} 被消费者组 {group}（isolation.level=read_uncommitted）处理了，{when, select, before {当时它所属的事务尚未决定} other {尽管它所属的事务已经被中止}}：{abort}。这条记录从未提交；read_committed 消费者会跳过它，而输入会被重新处理，所以它的输出会再写一次。',
  'explain.txn.outputDuplicate':
    '{place}（{service} 为输入 {input} 写出的 {type}）被消费者组 {group} 处理了，而该组已经在 {first} 处理过同一输入的输出：{why}。',
  'explain.txn.outputAfterAbort':
    '第一份属于一个被中止的事务（{abort}），read_uncommitted 读到了它',
  'explain.txn.outputTwiceNoTxn':
    '{service} 把这条输入处理了两次，而且没有使用事务（transactional.id），两次都写出了输出',
  'explain.txn.outputTwiceCommitted': '{service} 把输出提交了两次，这本应由事务来避免',
  'explain.duplicate.appendedTwice':
    '生产者 {producer} 的事件 {eventId} 被追加了两次：先在 {first}（{firstAt}），又在 {second}（{secondAt}）。生产者重试了一次没有收到确认的发送，而没有开启 enable.idempotence=true 时，broker 会把这条记录再写一遍；每个读取 {topic} 的消费者组都会把这两条都处理一遍。',

  'explain.duplicate.restartedTwice':
    '生产者 {producer} 的事件 {eventId} 被追加了两次：先在 {first}（{firstAt}），又在 {second}（{secondAt}）。{producer} 在 {restartAt} 重启，拿到了新的 producer id（{pid}，之前是 {previousPid}），并把所有没有收到确认的记录重新发送了一遍；这一条其实已经在日志里了。分区领导者按 producer id 和序列号去重，所以 enable.idempotence 只在同一个生产者会话内有效：新会话发出的副本是一条新记录，每个读取 {topic} 的消费者组都会把两条都处理一遍。',

  'explain.reordered.append':
    '生产者 {producer} 在 {at} 把键 {key} 的事件 {eventId}（{place}）追加到了它更晚的事件 {laterId}（{laterPlace}，{laterAt}）之后：日志里 {key} 的事件顺序和发送顺序不一致。开启重试且 max.in.flight.requests.per.connection > 1（又没有 enable.idempotence=true）时，失败的批次会排到更晚的批次后面重试，每个消费者都会按这个错误的顺序看到 {key} 的事件。',
  'explain.reordered.processed':
    '消费者组 {group} 乱序处理了 {key} 的事件：{member} 在 {at} 处理了事件 {eventId}（{place}），而更晚的事件 {laterId}（{laterPlace}）已经先处理过了{by}。{diagnosis}',
  'explain.reordered.laterOffset': '一个更晚的偏移量',
  'explain.reordered.processedBy': '（由 {member} 在 {at} 处理）',
  'explain.reordered.nullKey':
    '生产者 {producer} 发送这些记录时键为 null（{field}{key} 只在消息体里），所以粘性分区器把 {key} 的事件分散到了 {there} 和 {here}，而 Kafka 只在一个分区内保证顺序。',
  'explain.reordered.zombie':
    '{reason}，所以协调者在 {at} 把它移出了消费者组{owner}；但 {member} 仍在处理它之前已经拉取的批次，成了僵尸消费者。',
  'explain.reordered.gaveTo': '，并把 {tp} 分配给了 {member}',
  'explain.reordered.order':
    'Kafka 只在一个分区之内、且同一时刻只有一个消费者拥有该分区时，才保证同一生产者、同一键的顺序。',

  'explain.lost.never': '{place}（{records}）永远不会被消费者组 {group} 处理',
  'explain.lost.resetLatestExpired':
    '{head}：{group} 从 {since} 起没有任何成员，过了 offsets.retention.minutes（{minutes} 分钟）后，组协调器在 {expiredAt} 删除了它在 {tp} 上已提交的偏移量 {offset}。没有已提交的偏移量，在 auto.offset.reset=latest 下，{member} 在 {at} 分到这个分区时从日志末尾（{end}）开始消费：消费者组不在期间写入的记录都被跳过了。',
  'explain.lost.resetLatest':
    '{head}：消费者组在 {tp} 上没有已提交的偏移量，而在 auto.offset.reset=latest 下，{member} 在 {at} 分到这个分区时从日志末尾（{end}）开始消费。',
  'explain.lost.skipped':
    '{head}：{story}；在 {at} 的再平衡之后，{member} 从已提交的偏移量 {end} 开始消费。{zombie, select, yes {只有那个僵尸消费者（如果它还在处理自己的批次）还可能处理其中一部分。} other {}}',
  'explain.lost.alreadyCommitted': '消费者组已提交的偏移量已经是 {end}',
  'explain.lost.committedBefore':
    '消费者 {member} 在 {at} 还没处理这些记录就提交了偏移量 {end}（先提交后处理就是至多一次）',
  'explain.lost.noneDone': '一条都还没有处理',
  'explain.lost.doneUpTo': '只处理到了 {last}',
  'explain.lost.thenCrashed': '{commit}，随后在 {at} 崩溃了，{done}',
  'explain.lost.thenRemoved':
    '{commit}；随后{reason}，所以协调者在 {at} 把它移出了消费者组，{done}',
  'explain.lost.gaveUp': '{commit}，并且放弃了这个分区，{done}',
  'explain.lost.retention':
    '{place}（{n, plural, other {# 条记录}}）在消费者组 {group} 读取之前，已{by}删除；{then}。',
  'explain.lost.retention.by': '在 {at} 因 {config}={limit} 被',
  'explain.lost.retention.byUnknown': '因保留策略被',
  'explain.lost.retention.outOfRange':
    '它的位置 {position} 低于日志起始偏移量 {logStart}（OFFSET_OUT_OF_RANGE），于是 {reset} 把它移到了 {resetTo}',
  'explain.lost.retention.noCommit':
    '它没有已提交的偏移量，于是 auto.offset.reset=earliest 让它从日志起始偏移量 {logStart} 开始消费',
  'explain.lost.resetLatestOutOfRange':
    '{head}：消费者 {member} 的位置 {position} 低于日志起始偏移量 {logStart}（OFFSET_OUT_OF_RANGE），auto.offset.reset=latest 在 {at} 把它移到了日志末尾（{end}）。',
  'explain.lost.removed':
    '{place}（{n, plural, other {# 条记录}}）在 {at} 被从日志中删除（{reason}）',
  'explain.lost.truncatedAcked':
    '{cut}：{acked}，{n, plural, =1 {它} other {它们}}永久丢失了（{readers}）。{retried}',
  'explain.lost.ackedIt': '它已经被确认给了生产者',
  'explain.lost.ackedAll': '全部 {n} 条都已经被确认给了生产者',
  'explain.lost.ackedSome': '其中 {acked} 条已经被确认给了生产者',
  'explain.lost.noReader': '没有消费者组读取 {topic}',
  'explain.lost.notProcessed': '消费者组 {group} 还有其中 {records}没有处理',
  'explain.lost.alreadyProcessed': '消费者组 {group} 已经处理过它们',
  'explain.lost.retried':
    '另外 {n, plural, other {# 条记录}}没有被确认，所以生产者会重试{n, plural, =1 {它} other {它们}}：没有丢失。',
  'explain.lost.truncatedGroup':
    '{cut}：消费者组 {group} 永远不会处理其中已确认给生产者的 {records}；它此前提交到了 {committed}，它的消费者会从新的日志末尾 {end} 继续消费。{retried}',
  'explain.lost.requestLost':
    '生产者 {producer} 在 {at} 以 acks=0 向 {tp} 发送了 {n, plural, other {# 条记录}}，所以它认为{n, plural, =1 {这条记录} other {这些记录}}已经写入，但请求根本没有到达 broker：记录丢失了，却没有任何人知道。',
  'explain.lost.ackedTruncated':
    '生产者 {producer} 在 {at} 收到了 {tp} 上 {n, plural, other {# 条记录}}的确认，但那时日志已经被截断到{n, plural, =1 {这条记录} other {这些记录}}之前（新的领导者日志更短）：已经确认，却不在日志里。',
  'explain.lost.stranded':
    '{head}：{who}；{what}，之后无论谁拿到 {tp}，都会从已提交的偏移量 {end} 开始消费。',
  'explain.lost.committedPast': '消费者组的提交已经越过了它们',
  'explain.lost.thenMemberCrashed': '随后 {member} 在 {at} 崩溃了',
  'explain.lost.thenMemberLeft': '随后 {member} 在 {at} 离开了消费者组',
  'explain.lost.thenTaken': '随后这个分区在 {at} 从 {member} 手中被收回',
  'explain.lost.itsOwner': '它的所有者',
  'explain.lost.recounted':
    '{tp} 上计为消费者组 {group} 丢失的 {n, plural, other {# 条记录}}最终还是{by}在 {at} 被处理了（一个僵尸消费者处理完了它已拉取的批次）。',
  'explain.lost.byMember': '由 {member} ',
  'explain.lost.recovered':
    '消费者组 {group} 曾经跳过（计为丢失）的 {place}，最终还是由 {member} 在 {at} {how, select, dead {处理了（送进了死信队列）} other {处理了}}：一个僵尸消费者在被移出之前处理完了它已拉取的批次。它不再算作丢失。',
  'explain.truncated.unclean':
    '一次不干净的领导者选举（unclean.leader.election.enable）让 broker {broker} 成为了领导者',
  'explain.truncated.shorterLog': 'broker {broker} 带着更短的日志成为了领导者',

  'explain.stuck.poison':
    '{place} 卡在了消费者组 {group} 中：它的处理函数连续失败了 {times}（在 {member} 上，第一次在 {first}，最后一次在 {last}），{records}排在它后面等待，分区无法越过它继续前进。{policy}',
  'explain.stuck.policy': '消费者组 {group} 会把失败的记录重试 {times}，然后{then}。',
  'explain.stuck.toDeadLetter': '把它发送到死信主题 {topic}',
  'explain.stuck.drop': '丢弃它（它没有死信主题）',
  'explain.stuck.forever':
    '消费者组 {group} 没有失败处理策略，所以会无限重试这条记录：给它设置重试次数和死信主题，才能继续往下走。',
  'explain.stuck.outage':
    '{tp} 在消费者组 {group} 中已经有 {threshold} 没有存活的消费者（从 {since} 起），而 {records}还在等待：{why}。',
  'explain.stuck.crashed':
    '它的所有者 {member} 在 {at} 崩溃了，而协调者只有在 session.timeout.ms{session}内收不到心跳、或者该成员重启并重新加入之后，才会把这个沉默成员的分区交给别人',
  'explain.stuck.paused':
    '它的所有者 {member} 从 {at} 起一直处于暂停状态；在它恢复或者 session.timeout.ms{session}到期之前，它会一直占着这个分区',
  'explain.stuck.expired':
    '它的所有者 {member} 在 {at} 被移出了消费者组，而再平衡还没有把这个分区分配给其他成员',
  'explain.stuck.left': '它的所有者 {member} 在 {at} 离开了消费者组，还没有成员接手这个分区',
  'explain.stuck.revoked': '它在 {at} 的一次尚未完成的再平衡中从 {member} 手中被收回',
  'explain.stuck.rejoining': '{member} 在 {at} 为了重新加入消费者组放弃了它，而再平衡还没有完成',
  'explain.stuck.unassigned': '消费者组里还没有成员分到它',

  'explain.lineage.appended': '由 {producer} 追加到 {place}{key}',
  'explain.lineage.key': '（键 {key}）',
  'explain.lineage.fetched': '被 {member}（{group}）拉取，所在批次的偏移量为 {from}…{last}',
  'explain.lineage.processed':
    '被 {member}（{group}）处理{redelivered, select, yes {，重新投递} other {}}{dedup, select, yes {，被去重存储吸收} other {}}{attempt}',
  'explain.lineage.attempt': '，第 {attempt} 次尝试',
  'explain.lineage.failed': '处理函数在 {member}（{group}）中失败，第 {attempt} 次尝试',
  'explain.lineage.deadLettered': '尝试 {attempts} 次后被 {group} 送入死信队列{to}',
  'explain.lineage.toTopic': ' {topic}',
  'explain.lineage.committed': '被 {member}（{group}）提交越过，偏移量 {offset}',

  'explain.amqp.aMessage': '一条消息',
  'explain.amqp.why.crash':
    '{member} 在 {at} 崩溃时这次投递还未确认，它的信道关闭，RabbitMQ 将消息重新入队（redelivered=true）',
  'explain.amqp.why.connection':
    '{member} 的连接在 {at} 断开时这次投递还未确认，RabbitMQ 将消息重新入队（redelivered=true）',
  'explain.amqp.why.restart': '代理在 {at} 重启时这次投递还未确认，消息回到了它的持久队列',
  'explain.amqp.why.nack':
    '{member} 在 {at} 以 requeue=true {how, select, reject {拒绝（reject）} other {否认（nack）}}了它，RabbitMQ 把它放回队列（redelivered=true）',
  'explain.amqp.why.channel':
    '{member} 的信道在 {at} 被关闭时这次投递还未确认，RabbitMQ 将消息重新入队（redelivered=true）',
  'explain.amqp.why.deadLettered':
    '它在 {at} 从 {queue} 成为死信（原因 {reason}），死信交换机又把它路由回 {target}',
  'explain.amqp.why.unknown': '它被再次投递',
  'explain.amqp.duplicate':
    '队列 {queue} 的消息 {message} 被消费者 {consumer} 处理了两次：先由 {first} 在 {firstAt} 处理；{why}；{member} 在 {at} 又处理了一次。{absorbed, select, yes {去重存储（幂等消费者）吸收了它：副作用只执行了一次。} other {}}',
  'explain.amqp.reordered':
    '消息 {message} 在 {at} 由 {member}（{consumer}）处理，而 {entity} 之后发布的 {later} 已在 {laterAt} 由 {laterMember} 处理：{why}。',
  'explain.amqp.reorder.requeue': '这条消息曾回到队列（{requeue}），排在了后发布的消息之后',
  'explain.amqp.reorder.competing':
    '竞争消费者：队列把两条消息投递给了 {consumer} 的不同成员，{laterMember} 先处理完（队列只对单个消费者保持顺序）',
  'explain.amqp.reorder.deadLetter':
    '这条消息曾在 {at} 从 {queue} 成为死信（原因 {reason}），之后才回来',
  'explain.amqp.reorder.unknown': '它在后发布的消息之后才到达消费者',
  'explain.amqp.lost.autoAck':
    '以自动确认（auto-ack，no-ack）投递的 {n, plural, other {# 条消息}}（{ids}）在 {at} {event, select, crash {{member}（{consumer}）崩溃时} connection {{member}（{consumer}）的连接断开时} other {代理重启时}}丢失：自动确认模式下 RabbitMQ 一发出消息就视为已确认，所以没有任何消息被重新入队',
  'explain.amqp.lost.autoAckFailed':
    '消息 {message} 的处理函数在 {at} 于 {member} 中失败；{consumer} 使用自动确认（auto-ack，no-ack），RabbitMQ 早已视其为已确认，没有重新入队：消息丢失',
  'explain.amqp.lost.unroutable':
    '消息 {message} 在 {at} 以路由键 {routingKey} 发布到交换机 {exchange}，没有匹配任何绑定，且未设置 mandatory：RabbitMQ 静默丢弃了它（设置 mandatory=true 时发布者会收到 basic.return 312 NO_ROUTE）',
  'explain.amqp.lost.disconnected':
    '发布者 {publisher} 在 {at} 发送消息 {message} 时连接已断开{since}：消息从未到达代理',
  'explain.amqp.lost.sinceRestart': '（代理在 {at} 重启；客户端 5 秒后恢复连接）',
  'explain.amqp.lost.emitLost':
    '服务 {service} 在 {at} 向交换机 {exchange} 发布消息 {message} 时信道已关闭{since}：消息从未到达代理，而服务照常继续（没有任何重试）',
  'explain.amqp.lost.dropped': '消息 {message} 在 {at} 离开队列 {queue}（{reason}）并被丢弃：{why}',
  'explain.amqp.lost.refused':
    '队列 {queue} 在 {at} 已达长度上限，拒收了消息 {message}（x-overflow reject-publish）：{how, select, confirm {发布者收到了 basic.nack，但没有重新发布} deadLetter {这是一条死信副本，没有发布者会得知} other {未启用发布者确认，发布者毫不知情}}，这一份副本就此丢失',
  'explain.amqp.lost.deadLetterUnroutable':
    '消息 {message} 在 {at} 从队列 {queue} 成为死信（{reason}），以路由键 {routingKey} 发往交换机 {exchange}，但它不路由到任何队列：RabbitMQ 静默丢弃了它',
  'explain.amqp.lost.restart':
    '代理在 {at} 重启：{n, plural, other {# 条消息}}丢失（非持久消息和非持久队列里的消息不会在重启后保留；持久队列保留持久消息）',
  'explain.amqp.reason.rejected': '原因 rejected：消费者以 requeue=false 拒绝了它',
  'explain.amqp.reason.expired': '原因 expired：它的存活时间（x-message-ttl 或 expiration）已到',
  'explain.amqp.reason.maxlen': '原因 maxlen：队列已达到 x-max-length 或 x-max-length-bytes',
  'explain.amqp.reason.deliveryLimit':
    '原因 delivery_limit：它回到队列的次数超过了 x-delivery-limit',
  'explain.amqp.drop.noDeadLetterExchange': '队列没有设置 x-dead-letter-exchange',
  'explain.amqp.drop.deadLetterExchangeMissing': '队列指定的 x-dead-letter-exchange 不存在',
  'explain.amqp.drop.cycle': '死信路由会让它在一个不含拒绝的环中循环，RabbitMQ 会丢弃这种消息',
  'explain.amqp.drop.queueGone': '它所在的队列已不存在',
  'explain.amqp.deadLettered':
    '消息 {message} 在 {at} 从队列 {queue} 成为死信，发往交换机 {exchange}（{reasonText}）；x-death 中 {queue} 的原因 {reason} 已计 {times}{routed}',
  'explain.amqp.deadLettered.to': '；它进入了 {queues}',
  'explain.amqp.deadLettered.nowhere': '；死信交换机没有把它路由到任何队列',
  'explain.amqp.stuck.poison':
    '队列 {queue} 中的消息 {message} 被投递了 {times}，从未被确认（最近一次在 {at} 投递给 {member}）：每次处理都失败，消息又回到队列，形成毒消息循环。设置 x-delivery-limit（仲裁队列），或以 requeue=false 否认并配置死信交换机，可以终止它。',

  'explain.lineage.amqp.published':
    '由 {producer} 以路由键 {routingKey} 发布到交换机 {exchange}{queues}',
  'explain.lineage.amqp.into': '，进入 {queues}',
  'explain.lineage.amqp.binding': '{queue}（绑定 {binding}）',
  'explain.lineage.amqp.noQueue':
    '，没有路由到任何队列{mandatory, select, yes {} other {：被丢弃（未设置 mandatory）}}',
  'explain.lineage.amqp.sentDown': '由 {producer} 在连接断开时发送：丢失',
  'explain.lineage.amqp.returned': '退回给发布者：basic.return {code} {text}',
  'explain.lineage.amqp.delivered':
    '从 {queue} 投递给 {member}（{consumer}），投递标签 {tag}{redelivered, select, yes {，redelivered=true} other {}}{noAck, select, yes {，自动确认} other {}}',
  'explain.lineage.amqp.handled':
    '{ok, select, yes {由 {member}（{consumer}）处理} other {处理函数在 {member}（{consumer}）中失败}}{dedup, select, yes {，被去重存储吸收} other {}}',
  'explain.lineage.amqp.acked': '由 {member} 确认（basic.ack，投递标签 {tag}）',
  'explain.lineage.amqp.requeued': '重新入队到 {queue}：{why}',
  'explain.lineage.amqp.deadLettered':
    '从 {queue} 成为死信（原因 {reason}），发往交换机 {exchange}，x-death 计数 {count}{to}',
  'explain.lineage.amqp.dropped': '从 {queue} 被丢弃（{reason}）：{why}',
  'explain.lineage.amqp.lostAutoAck':
    '以自动确认投递给 {member} 后丢失：{event, select, crash {它崩溃了} connection {它的连接断开了} other {代理重启了}}',
  'explain.reordered.partitionsAdded':
    '{topic} 在 {at} 从 {from} 个分区扩到 {to} 个分区时，键 {key} 从分区 {oldPartition} 移到了分区 {newPartition}：生产者现在按 murmur2({key}) 对 {to} 取模把它发到分区 {newPartition}，而不是对 {from} 取模得到的分区 {oldPartition}，所以它更晚的记录进了分区 {newPartition} 并先被处理，而这条更早的记录还在分区 {oldPartition} 里等待。Kafka 只在一个分区内保证同一键的顺序；给有键的主题增加分区，会在变更前后打破这个顺序。{others, plural, =0 {} other {其他移动了的键：{moved}{more, plural, =0 {} other {，另有 # 个}}。}}',
  'explain.compaction.missedTombstone':
    '消费者组 {group} 永远不会知道键 {key} 已被删除：它的墓碑消息 {place}（写入于 {written}）在 {cleaned} 第一次被清理，又在 delete.retention.ms={ms} 之后的 {removed} 被移除，那时 {group} 还没有读到它；{member} 在 {at} 越过了这个偏移量。它的表里仍保留着来自 {last} 的 {key}。消费者必须在 delete.retention.ms 之内读完压缩主题，才能看到每一次删除。',
};
