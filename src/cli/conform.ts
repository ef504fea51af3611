/**
 * npm run conform -- <script.json|dir> [--profile 3.10] [--url amqp://…] [--port 5699] [--real-only] [--json]
 *
 * Runs each AMQP script on a real RabbitMQ (a private node started here, unless --url) and on the
 * simulator, and prints the differences. Exit codes: 0 no differences, 1 a difference (or a script
 * the runner could not run), 2 bad arguments or scripts, 3 the broker could not be started.
 * --real-only prints what the real broker answered (to write or check a script). --broker-dir DIR
 * uses a node already started with `scripts/rabbitmq.sh start --dir DIR` and leaves it running.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { startBroker, stopBroker, type Broker } from '../conform/broker';
import { loadScripts } from '../conform/corpus';
import { diffObservations, formatDiff } from '../conform/diff';
import { runOnBroker } from '../conform/runner';
import { normalizeObservations, runAmqpScript } from '../engine/amqp';
import type { AmqpObservation, AmqpProfile, AmqpScript } from '../engine/amqp/script';

interface Args {
  target: string;
  profile: AmqpProfile;
  url?: string;
  /** A node already started by scripts/rabbitmq.sh start --dir DIR (kept running). */
  brokerDir?: string;
  port: number;
  realOnly: boolean;
  json: boolean;
}

function parseArgs(argv: string[]): Args | string {
  let target: string | undefined;
  const a: Omit<Args, 'target'> = { profile: '3.10', port: 5699, realOnly: false, json: false };
  for (let i = 0; i < argv.length; i++) {
    const k = argv[i]!;
    if (k === '--profile') {
      const v = argv[++i];
      if (v !== '3.10' && v !== '4.x') return `--profile must be 3.10 or 4.x, got ${v}`;
      a.profile = v;
    } else if (k === '--url') {
      const v = argv[++i];
      if (!v || !/^amqps?:\/\//.test(v)) return `--url must be amqp://…, got ${v}`;
      a.url = v;
    } else if (k === '--broker-dir') {
      const v = argv[++i];
      if (!v) return '--broker-dir needs the DIR given to scripts/rabbitmq.sh start';
      a.brokerDir = v;
    } else if (k === '--port') {
      const v = Number(argv[++i]);
      if (!Number.isInteger(v) || v < 1024 || v > 45000) return `--port must be 1024…45000`;
      a.port = v;
    } else if (k === '--real-only') a.realOnly = true;
    else if (k === '--json') a.json = true;
    else if (k.startsWith('--')) return `unknown option ${k}`;
    else if (target === undefined) target = k;
    else return `one script or folder, got also ${k}`;
  }
  if (!target)
    return 'usage: npm run conform -- <script.json|dir> [--profile 3.10|4.x] [--url amqp://…] [--port N] [--real-only] [--json]';
  return { target, ...a };
}

/** A node started earlier by rabbitmq.sh: its port from DIR/state.env. */
function attach(dir: string): Broker {
  const env = readFileSync(path.join(dir, 'state.env'), 'utf8');
  const port = /^port=(\d+)$/m.exec(env)?.[1];
  if (!port) throw new Error(`${dir}/state.env names no port`);
  return { url: `amqp://guest:guest@127.0.0.1:${port}`, dir };
}

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  if (typeof args === 'string') {
    console.error(args);
    return 2;
  }
  let loaded;
  try {
    loaded = loadScripts(args.target);
  } catch (e) {
    console.error(`cannot read ${args.target}: ${(e as Error).message}`);
    return 2;
  }
  if (loaded.errors.length) {
    for (const e of loaded.errors) console.error(e);
    return 2;
  }
  const sim = !args.realOnly;
  let broker: Broker;
  try {
    broker = args.url
      ? { url: args.url }
      : args.brokerDir
        ? attach(args.brokerDir)
        : await startBroker(args.port);
  } catch (e) {
    console.error(`conform: ${(e as Error).message}`);
    return 3;
  }
  const started = Date.now();
  let failed = 0;
  const owned = !args.url && !args.brokerDir;
  const stop = (b: Broker) => (owned ? stopBroker(b) : Promise.resolve());
  const cleanup = () => {
    void stop(broker).finally(() => process.exit(130));
  };
  process.once('SIGINT', cleanup);
  process.once('SIGTERM', cleanup);
  try {
    for (const { file, script: raw } of loaded.scripts) {
      const script: AmqpScript = { ...raw, profile: raw.profile ?? args.profile };
      const t0 = Date.now();
      const real = await runOnBroker(script, broker);
      const ms = Date.now() - t0;
      const name = script.name ?? file;
      if (real.problems.length) {
        failed++;
        console.log(
          `✗ ${name} (${ms} ms): the runner could not run it:\n  ${real.problems.join('\n  ')}`,
        );
        continue;
      }
      if (!sim) {
        console.log(
          args.json
            ? JSON.stringify({ name, observations: real.observations })
            : `• ${name} (${ms} ms)`,
        );
        if (!args.json)
          for (const o of normalizeObservations(real.observations))
            console.log(`  ${JSON.stringify(o)}`);
        continue;
      }
      let simObs: AmqpObservation[];
      try {
        simObs = runAmqpScript(script);
      } catch (e) {
        failed++;
        console.log(`✗ ${name}: the simulator threw: ${(e as Error).message}`);
        continue;
      }
      const d = diffObservations(
        normalizeObservations(real.observations),
        normalizeObservations(simObs),
      );
      if (d.length === 0)
        console.log(`✓ ${name} (${real.observations.length} observations, ${ms} ms)`);
      else {
        failed++;
        console.log(`✗ ${name}: ${d.length} difference(s)\n${formatDiff(d)}`);
      }
    }
  } finally {
    await stop(broker).catch((e: Error) =>
      console.error(`conform: stopping the broker: ${e.message}`),
    );
  }
  const total = loaded.scripts.length;
  console.log(
    `${total - failed}/${total} scripts ${sim ? 'agree with the real broker' : 'ran on the real broker'} (${((Date.now() - started) / 1000).toFixed(1)} s)`,
  );
  return failed ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (e: Error) => {
    console.error(`conform: ${e.message}`);
    process.exit(1);
  },
);
