/**
 * Runs an AmqpScript against a real RabbitMQ through amqplib and returns what the client saw,
 * as AmqpObservation[] in the simulator's format.
 *
 * Steps: after each op the runner waits until the broker is quiet (a round trip on every open
 * channel, then no new observation for QUIET_MS, at most SETTLE_MAX_MS), so an observation lands
 * on the step that caused it. `advanceTime` really sleeps. Declarations without a `channel` run on
 * an implicit channel named ADMIN_CHANNEL, opened again after the broker closes it.
 */
import amqp from 'amqplib';
import type { Channel, ChannelModel, ConfirmChannel, ConsumeMessage, GetMessage } from 'amqplib';
import type {
  AmqpObservation,
  AmqpOp,
  AmqpScript,
  AmqpTable,
  AmqpValue,
} from '../engine/amqp/script';
import { listQueues, restartApp, type Broker, type QueueRow } from './broker';

export const ADMIN_CHANNEL = 'admin';
const QUIET_MS = 40;
const SETTLE_MAX_MS = 1500;

interface Chan {
  name: string;
  ch: Channel | ConfirmChannel;
  confirm: boolean;
  closed: boolean;
  /** Publish numbers (1-based) not yet confirmed, for confirm channels. */
  pending: number[];
  published: number;
}

export interface RunResult {
  observations: AmqpObservation[];
  /** Problems of the runner or the script itself (not broker answers): e.g. an op on a closed channel. */
  problems: string[];
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** amqplib decodes typed values as { '!': type, value }; a client sees the value. */
function plain(v: unknown): AmqpValue {
  if (v === null || v === undefined) return null;
  if (Buffer.isBuffer(v)) return v.toString('utf8');
  if (v instanceof Date) return v.getTime();
  if (Array.isArray(v)) return v.map(plain);
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if ('!' in o && 'value' in o) return plain(o.value);
    const out: AmqpTable = {};
    for (const k of Object.keys(o).sort()) out[k] = plain(o[k]);
    return out;
  }
  return v as AmqpValue;
}

function headersOf(msg: ConsumeMessage | GetMessage): AmqpTable | undefined {
  const h: unknown = msg.properties.headers;
  if (!h || typeof h !== 'object' || Object.keys(h).length === 0) return undefined;
  return plain(h) as AmqpTable;
}

/** "Channel closed by server: 406 (PRECONDITION-FAILED) with message "PRECONDITION_FAILED - …"" → the text. */
export function replyTextOf(err: unknown): string {
  const m = String((err as Error)?.message ?? err);
  const match = /with message "(.*)"$/s.exec(m);
  return match?.[1] ?? m;
}

export async function runOnBroker(script: AmqpScript, broker: Broker): Promise<RunResult> {
  const r = new Runner(broker);
  try {
    await r.cleanup(script);
    await r.connect();
    for (let i = 0; i < script.ops.length; i++) {
      r.step = i;
      await r.exec(script.ops[i]!);
      await r.settle();
    }
  } catch (e) {
    r.problems.push(`step ${r.step}: ${(e as Error).message}`);
  } finally {
    await r.close();
    await r.cleanup(script).catch((e: Error) => r.problems.push(`cleanup: ${e.message}`));
  }
  return { observations: r.obs, problems: r.problems };
}

class Runner {
  step = 0;
  obs: AmqpObservation[] = [];
  problems: string[] = [];
  private conn: ChannelModel | null = null;
  private chans = new Map<string, Chan>();
  private lastObsAt = 0;
  private restarting = false;
  private statsCache: { step: number; rows: QueueRow[] } | null = null;

  constructor(private broker: Broker) {}

  private push(o: AmqpObservation): void {
    this.obs.push(o);
    this.lastObsAt = Date.now();
  }

  async connect(): Promise<void> {
    const conn = await amqp.connect(this.broker.url);
    conn.on('error', (err: Error & { code?: number }) => {
      if (this.restarting) return;
      this.push({
        kind: 'connectionError',
        step: this.step,
        code: Number(err.code ?? 0),
        text: replyTextOf(err),
      });
    });
    conn.on('close', () => {
      if (this.conn === conn) this.conn = null;
      for (const c of this.chans.values()) c.closed = true;
    });
    this.conn = conn;
  }

  async close(): Promise<void> {
    const conn = this.conn;
    this.conn = null;
    if (conn) await conn.close().catch(() => undefined);
    this.chans.clear();
  }

  /** Deletes the script's queues and exchanges (before and after a run), on a connection of its own. */
  async cleanup(script: AmqpScript): Promise<void> {
    const queues = new Set<string>();
    const exchanges = new Set<string>();
    for (const op of script.ops) {
      if (op.op === 'declareQueue') queues.add(op.queue);
      if (op.op === 'declareExchange' && op.exchange !== '' && !op.exchange.startsWith('amq.'))
        exchanges.add(op.exchange);
    }
    if (queues.size + exchanges.size === 0) return;
    const conn = await amqp.connect(this.broker.url);
    conn.on('error', () => undefined);
    try {
      for (const q of queues) {
        const ch = await conn.createChannel();
        ch.on('error', () => undefined);
        await ch.deleteQueue(q).catch(() => undefined);
        await ch.close().catch(() => undefined);
      }
      for (const x of exchanges) {
        const ch = await conn.createChannel();
        ch.on('error', () => undefined);
        await ch.deleteExchange(x).catch(() => undefined);
        await ch.close().catch(() => undefined);
      }
    } finally {
      await conn.close().catch(() => undefined);
    }
  }

  private async open(name: string, confirm: boolean): Promise<Chan> {
    if (!this.conn) await this.connect();
    const conn = this.conn!;
    const ch = confirm ? await conn.createConfirmChannel() : await conn.createChannel();
    const c: Chan = { name, ch, confirm, closed: false, pending: [], published: 0 };
    ch.on('error', (err: Error & { code?: number }) => {
      if (this.restarting) return;
      this.push({
        kind: 'channelError',
        step: this.step,
        channel: name,
        code: Number(err.code ?? 0),
        text: replyTextOf(err),
      });
    });
    ch.on('close', () => {
      c.closed = true;
    });
    ch.on('return', (msg: ConsumeMessage) => {
      this.push({
        kind: 'return',
        step: this.step,
        channel: name,
        replyCode: Number((msg.fields as unknown as { replyCode: number }).replyCode),
        replyText: String((msg.fields as unknown as { replyText: string }).replyText),
        exchange: msg.fields.exchange,
        routingKey: msg.fields.routingKey,
        body: msg.content.toString('utf8'),
      });
    });
    if (confirm) {
      const onConfirm = (ack: boolean) => (f: { deliveryTag: number; multiple: boolean }) => {
        const done = f.multiple
          ? c.pending.filter((s) => s <= f.deliveryTag)
          : c.pending.filter((s) => s === f.deliveryTag);
        c.pending = c.pending.filter((s) => !done.includes(s));
        for (const seq of done)
          this.push({ kind: 'confirm', step: this.step, channel: name, seq, ack });
      };
      ch.on('ack', onConfirm(true));
      ch.on('nack', onConfirm(false));
    }
    this.chans.set(name, c);
    return c;
  }

  private chan(name: string): Chan {
    const c = this.chans.get(name);
    if (!c) throw new Error(`channel "${name}" was never opened`);
    if (c.closed) throw new Error(`channel "${name}" is closed`);
    return c;
  }

  /** The channel a declaration runs on: its own `channel`, else the implicit admin channel. */
  private async adminChan(name: string | undefined): Promise<Chan> {
    if (name !== undefined) return this.chan(name);
    const c = this.chans.get(ADMIN_CHANNEL);
    if (c && !c.closed) return c;
    return this.open(ADMIN_CHANNEL, false);
  }

  /** Runs an RPC; a broker refusal arrives as the channel's 'error' event (recorded there). */
  private async rpc(p: Promise<unknown>): Promise<void> {
    await p.catch(() => undefined);
  }

  async exec(op: AmqpOp): Promise<void> {
    switch (op.op) {
      case 'declareExchange': {
        const c = await this.adminChan(op.channel);
        return this.rpc(
          c.ch.assertExchange(op.exchange, op.type, {
            durable: op.durable ?? false,
            autoDelete: op.autoDelete ?? false,
            internal: op.internal ?? false,
            arguments: op.arguments ?? {},
          }),
        );
      }
      case 'deleteExchange':
        return this.rpc((await this.adminChan(op.channel)).ch.deleteExchange(op.exchange));
      case 'declareQueue': {
        const c = await this.adminChan(op.channel);
        return this.rpc(
          c.ch.assertQueue(op.queue, {
            durable: op.durable ?? false,
            exclusive: op.exclusive ?? false,
            autoDelete: op.autoDelete ?? false,
            arguments: op.arguments ?? {},
          }),
        );
      }
      case 'deleteQueue':
        return this.rpc((await this.adminChan(op.channel)).ch.deleteQueue(op.queue));
      case 'purgeQueue':
        return this.rpc((await this.adminChan(op.channel)).ch.purgeQueue(op.queue));
      case 'bind':
      case 'unbind': {
        const c = await this.adminChan(op.channel);
        const args = op.arguments ?? {};
        if (op.destinationType === 'queue') {
          const f = op.op === 'bind' ? c.ch.bindQueue.bind(c.ch) : c.ch.unbindQueue.bind(c.ch);
          return this.rpc(f(op.destination, op.source, op.routingKey, args));
        }
        const f = op.op === 'bind' ? c.ch.bindExchange.bind(c.ch) : c.ch.unbindExchange.bind(c.ch);
        return this.rpc(f(op.destination, op.source, op.routingKey, args));
      }
      case 'openChannel': {
        const existing = this.chans.get(op.channel);
        if (existing && !existing.closed)
          throw new Error(`channel "${op.channel}" is already open`);
        const c = await this.open(op.channel, op.confirm ?? false);
        if (op.prefetch !== undefined) await this.rpc(c.ch.prefetch(op.prefetch, false));
        if (op.prefetchGlobal !== undefined) await this.rpc(c.ch.prefetch(op.prefetchGlobal, true));
        return;
      }
      case 'closeChannel': {
        const c = this.chan(op.channel);
        c.closed = true;
        return this.rpc(c.ch.close());
      }
      case 'publish':
        return this.publish(op);
      case 'consume': {
        const c = this.chan(op.channel);
        return this.rpc(
          c.ch.consume(
            op.queue,
            (msg) => {
              if (!msg) return; // basic.cancel from the broker (queue deleted)
              this.push({
                kind: 'delivery',
                step: this.step,
                channel: op.channel,
                consumerTag: msg.fields.consumerTag,
                deliveryTag: msg.fields.deliveryTag,
                redelivered: msg.fields.redelivered,
                exchange: msg.fields.exchange,
                routingKey: msg.fields.routingKey,
                body: msg.content.toString('utf8'),
                ...withHeaders(headersOf(msg)),
              });
            },
            { consumerTag: op.consumerTag, noAck: op.noAck ?? false },
          ),
        );
      }
      case 'cancel':
        return this.rpc(this.chan(op.channel).ch.cancel(op.consumerTag));
      case 'get': {
        const c = this.chan(op.channel);
        let msg: GetMessage | false = false;
        let failed = false;
        await c.ch.get(op.queue, { noAck: op.noAck ?? false }).then(
          (m) => (msg = m),
          () => (failed = true),
        );
        if (failed) return;
        const m = msg as GetMessage | false;
        if (m === false) {
          this.push({ kind: 'getEmpty', step: this.step, channel: op.channel, queue: op.queue });
          return;
        }
        this.push({
          kind: 'get',
          step: this.step,
          channel: op.channel,
          queue: op.queue,
          deliveryTag: m.fields.deliveryTag,
          redelivered: m.fields.redelivered,
          exchange: m.fields.exchange,
          routingKey: m.fields.routingKey,
          body: m.content.toString('utf8'),
          messageCount: m.fields.messageCount,
          ...withHeaders(headersOf(m)),
        });
        return;
      }
      case 'ack': {
        const c = this.chan(op.channel);
        c.ch.ack(fakeMsg(op.deliveryTag), op.multiple ?? false);
        return;
      }
      case 'nack': {
        const c = this.chan(op.channel);
        c.ch.nack(fakeMsg(op.deliveryTag), op.multiple ?? false, op.requeue ?? true);
        return;
      }
      case 'reject': {
        const c = this.chan(op.channel);
        c.ch.reject(fakeMsg(op.deliveryTag), op.requeue ?? true);
        return;
      }
      case 'restartBroker':
        return this.restart();
      case 'advanceTime':
        await sleep(op.ms);
        return;
      case 'queueStats': {
        // Adjacent queueStats ops share one list_queues (~2–3 s each): nothing ran between them.
        const rows =
          this.statsCache?.step === this.step - 1
            ? this.statsCache.rows
            : await listQueues(this.broker);
        this.statsCache = { step: this.step, rows };
        const row = rows.find((q) => q.name === op.queue);
        if (!row) {
          this.problems.push(
            `step ${this.step}: queueStats: queue "${op.queue}" does not exist on the broker`,
          );
          return;
        }
        this.push({ kind: 'queueStats', step: this.step, queue: op.queue, ...omitName(row) });
        return;
      }
    }
  }

  private async publish(op: Extract<AmqpOp, { op: 'publish' }>): Promise<void> {
    const c = this.chan(op.channel);
    c.published++;
    if (c.confirm) c.pending.push(c.published);
    const options = {
      mandatory: op.mandatory ?? false,
      persistent: op.persistent ?? false,
      ...(op.headers ? { headers: op.headers } : {}),
      ...(op.expiration !== undefined ? { expiration: op.expiration } : {}),
      ...(op.messageId !== undefined ? { messageId: op.messageId } : {}),
    };
    const body = Buffer.from(op.body, 'utf8');
    if (c.confirm)
      (c.ch as ConfirmChannel).publish(op.exchange, op.routingKey, body, options, () => undefined);
    else c.ch.publish(op.exchange, op.routingKey, body, options);
  }

  private async restart(): Promise<void> {
    this.restarting = true;
    try {
      await restartApp(this.broker);
      // The broker closed our connection (320 CONNECTION_FORCED): every channel is gone.
      await this.close();
      await this.connect();
    } finally {
      this.restarting = false;
    }
  }

  /** Waits until the broker is quiet: a round trip on every open channel, then QUIET_MS without news. */
  async settle(): Promise<void> {
    const start = Date.now();
    for (const c of this.chans.values()) {
      if (c.closed) continue;
      if (c.confirm && c.pending.length > 0) {
        await Promise.race([
          (c.ch as ConfirmChannel).waitForConfirms().catch(() => undefined),
          sleep(SETTLE_MAX_MS),
        ]);
      }
      if (!c.closed)
        await Promise.race([
          c.ch.checkExchange('amq.direct').catch(() => undefined),
          sleep(SETTLE_MAX_MS),
        ]);
    }
    this.lastObsAt = Math.max(this.lastObsAt, Date.now());
    while (Date.now() - this.lastObsAt < QUIET_MS && Date.now() - start < SETTLE_MAX_MS) {
      await sleep(QUIET_MS / 4);
    }
  }
}

function fakeMsg(deliveryTag: number): ConsumeMessage {
  return { fields: { deliveryTag } } as unknown as ConsumeMessage;
}

function withHeaders(h: AmqpTable | undefined): { headers?: AmqpTable } {
  return h ? { headers: h } : {};
}

function omitName(row: {
  name: string;
  messages: number;
  messages_ready: number;
  messages_unacknowledged: number;
  consumers: number;
}) {
  return {
    messages: row.messages,
    messages_ready: row.messages_ready,
    messages_unacknowledged: row.messages_unacknowledged,
    consumers: row.consumers,
  };
}
