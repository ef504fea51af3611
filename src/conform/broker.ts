/**
 * A real RabbitMQ for the conformance runner: a private node started by scripts/rabbitmq.sh
 * (own data dir, ports, node name), or an existing broker given by URL (then no rabbitmqctl:
 * queue stats and restarts need a node we started).
 */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const SCRIPT = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../scripts/rabbitmq.sh',
);

export interface QueueRow {
  name: string;
  messages: number;
  messages_ready: number;
  messages_unacknowledged: number;
  consumers: number;
}

export interface Broker {
  url: string;
  /** Present when we started the node and can run rabbitmqctl against it. */
  dir?: string;
  pid?: number;
}

function run(args: string[], timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      'bash',
      [SCRIPT, ...args],
      { timeout: timeoutMs, maxBuffer: 16 << 20 },
      (err, stdout, stderr) => {
        if (err)
          reject(
            new Error(`rabbitmq.sh ${args[0]} failed: ${String(stderr).trim() || err.message}`),
          );
        else resolve(String(stdout));
      },
    );
  });
}

/** Starts a private node; resolves once it accepts AMQP connections. */
export async function startBroker(port: number, dir?: string): Promise<Broker> {
  const args = ['start', '--port', String(port)];
  if (dir) args.push('--dir', dir);
  const out = await run(args, 180_000);
  const kv = new Map<string, string>();
  for (const line of out.split('\n')) {
    const i = line.indexOf('=');
    if (i > 0) kv.set(line.slice(0, i), line.slice(i + 1).trim());
  }
  const url = kv.get('url');
  const d = kv.get('dir');
  const pid = Number(kv.get('pid'));
  if (!url || !d || !Number.isInteger(pid))
    throw new Error(`rabbitmq.sh start printed no url/dir/pid: ${out}`);
  return { url, dir: d, pid };
}

export async function stopBroker(broker: Broker): Promise<void> {
  if (broker.dir) await run(['stop', broker.dir], 90_000);
}

export function ctl(broker: Broker, args: string[], timeoutMs = 60_000): Promise<string> {
  if (!broker.dir)
    return Promise.reject(
      new Error('rabbitmqctl needs a node started by npm run conform (not --url)'),
    );
  return run(['ctl', broker.dir, ...args], timeoutMs);
}

/** rabbitmqctl list_queues: exact counts, no statistics-interval lag (unlike the management API). */
export async function listQueues(broker: Broker): Promise<QueueRow[]> {
  const out = await ctl(broker, [
    'list_queues',
    'name',
    'messages',
    'messages_ready',
    'messages_unacknowledged',
    'consumers',
    '--formatter',
    'json',
    '-q',
  ]);
  const parsed: unknown = JSON.parse(out.trim() || '[]');
  if (!Array.isArray(parsed))
    throw new Error(`list_queues: not a JSON array: ${out.slice(0, 200)}`);
  return parsed.map((r: Record<string, unknown>) => ({
    name: String(r.name),
    messages: Number(r.messages ?? 0),
    messages_ready: Number(r.messages_ready ?? 0),
    messages_unacknowledged: Number(r.messages_unacknowledged ?? 0),
    consumers: Number(r.consumers ?? 0),
  }));
}

/** stop_app + start_app: the node's queues recover from disk as after a restart. */
export async function restartApp(broker: Broker): Promise<void> {
  await ctl(broker, ['stop_app']);
  await ctl(broker, ['start_app']);
  await ctl(broker, ['await_startup', '--timeout', '60']);
}
