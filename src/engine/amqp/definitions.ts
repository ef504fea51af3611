/**
 * RabbitMQ's definitions.json (the file the management UI exports and `rabbitmqctl
 * import_definitions` reads): exchanges, queues with their arguments, bindings and policies, for
 * the vhost "/".
 *
 * `importDefinitions` takes untrusted JSON: it never throws, bounds every list and string, refuses
 * what it cannot represent with messages naming the JSON path, and applies policies to the queues
 * and exchanges they match as RabbitMQ would (the highest-priority matching policy only; numeric
 * limits: the lower of policy and argument; other keys: the argument wins). Source: RabbitMQ docs,
 * "Policies" (Parameters and Policies: how policies work, priorities, combining with arguments)
 * and "Definitions" (definitions export and import).
 */
import type { AmqpTable, AmqpValue, ExchangeType } from './script';
import type { AmqpBindingSpec, AmqpExchangeSpec, AmqpQueueSpec, AmqpSpec } from '../scenario/types';

/** The RabbitMQ version the exported file names (the broker the corpus runs against). */
export const DEFINITIONS_RABBIT_VERSION = '3.10.8';

const MAX_ITEMS = 10_000;
const MAX_NAME = 255; // AMQP shortstr
const MAX_TABLE_KEYS = 64;
const MAX_DEPTH = 6;
const MAX_PATTERN = 255;

export interface DefinitionsJson {
  rabbit_version: string;
  rabbitmq_version: string;
  vhosts: { name: string }[];
  exchanges: {
    name: string;
    vhost: string;
    type: ExchangeType;
    durable: boolean;
    auto_delete: boolean;
    internal: boolean;
    arguments: AmqpTable;
  }[];
  queues: {
    name: string;
    vhost: string;
    durable: boolean;
    auto_delete: boolean;
    arguments: AmqpTable;
  }[];
  bindings: {
    source: string;
    vhost: string;
    destination: string;
    destination_type: 'queue' | 'exchange';
    routing_key: string;
    arguments: AmqpTable;
  }[];
  policies: never[];
}

/** A design's broker as definitions.json. Built-in exchanges ('' and amq.*) and exclusive queues
 *  are left out, as RabbitMQ's own export leaves them out. */
export function exportDefinitions(spec: AmqpSpec): DefinitionsJson {
  return {
    rabbit_version: DEFINITIONS_RABBIT_VERSION,
    rabbitmq_version: DEFINITIONS_RABBIT_VERSION,
    vhosts: [{ name: '/' }],
    exchanges: spec.exchanges
      .filter((x) => !isBuiltinExchange(x.name))
      .map((x) => ({
        name: x.name,
        vhost: '/',
        type: x.type,
        durable: x.durable ?? false,
        auto_delete: x.autoDelete ?? false,
        internal: x.internal ?? false,
        arguments: { ...(x.arguments ?? {}) },
      })),
    queues: spec.queues
      .filter((q) => !q.exclusive)
      .map((q) => ({
        name: q.name,
        vhost: '/',
        durable: q.durable ?? false,
        auto_delete: q.autoDelete ?? false,
        arguments: { ...(q.arguments ?? {}) },
      })),
    bindings: spec.bindings.map((b) => ({
      source: b.source,
      vhost: '/',
      destination: b.destination,
      destination_type: b.destinationType,
      routing_key: b.routingKey,
      arguments: { ...(b.arguments ?? {}) },
    })),
    policies: [],
  };
}

export function isBuiltinExchange(name: string): boolean {
  return name === '' || name.startsWith('amq.');
}

export type ImportResult = { spec: AmqpSpec } | { errors: string[] };

interface Policy {
  name: string;
  pattern: RegExp;
  applyTo: 'queues' | 'exchanges' | 'all';
  priority: number;
  definition: Record<string, AmqpValue>;
}

/** Policy keys RabbitMQ turns into the queue's effective arguments (its policy docs' names). */
const QUEUE_POLICY_KEYS: Record<string, string> = {
  'message-ttl': 'x-message-ttl',
  expires: 'x-expires',
  'max-length': 'x-max-length',
  'max-length-bytes': 'x-max-length-bytes',
  overflow: 'x-overflow',
  'dead-letter-exchange': 'x-dead-letter-exchange',
  'dead-letter-routing-key': 'x-dead-letter-routing-key',
  'delivery-limit': 'x-delivery-limit',
};
const NUMERIC_QUEUE_KEYS = new Set([
  'x-message-ttl',
  'x-expires',
  'x-max-length',
  'x-max-length-bytes',
  'x-delivery-limit',
]);
const EXCHANGE_TYPES: readonly string[] = ['direct', 'fanout', 'topic', 'headers'];
const OVERFLOWS: readonly string[] = ['drop-head', 'reject-publish', 'reject-publish-dlx'];

/** Reads definitions.json into a design's broker. Never throws. */
export function importDefinitions(json: unknown): ImportResult {
  try {
    return readDefinitions(json);
  } catch (e) {
    // Defensive: every path above validates first; a bug must not take the caller down.
    return {
      errors: [
        `$: could not read the definitions (${e instanceof Error ? e.message : 'unknown error'})`,
      ],
    };
  }
}

class Reader {
  errors: string[] = [];
  err(path: string, msg: string): void {
    if (this.errors.length < 100) this.errors.push(`${path}: ${msg}`);
  }
  list(root: Record<string, unknown>, key: string): unknown[] {
    const v = root[key];
    if (v === undefined) return [];
    if (!Array.isArray(v)) {
      this.err(`$.${key}`, 'must be an array');
      return [];
    }
    if (v.length > MAX_ITEMS) {
      this.err(`$.${key}`, `at most ${MAX_ITEMS} entries, got ${v.length}`);
      return [];
    }
    return v;
  }
  obj(v: unknown, path: string): Record<string, unknown> | null {
    if (!v || typeof v !== 'object' || Array.isArray(v)) {
      this.err(path, 'must be an object');
      return null;
    }
    return v as Record<string, unknown>;
  }
  name(o: Record<string, unknown>, key: string, path: string, allowEmpty = false): string | null {
    const v = o[key];
    if (typeof v !== 'string' || (!allowEmpty && v === '')) {
      this.err(`${path}.${key}`, allowEmpty ? 'must be a string' : 'must be a non-empty string');
      return null;
    }
    if (v.length > MAX_NAME) {
      this.err(`${path}.${key}`, `at most ${MAX_NAME} characters`);
      return null;
    }
    return v;
  }
  bool(o: Record<string, unknown>, key: string, path: string): boolean | undefined {
    const v = o[key];
    if (v === undefined) return undefined;
    if (typeof v !== 'boolean') {
      this.err(`${path}.${key}`, `must be true or false, got ${short(v)}`);
      return undefined;
    }
    return v;
  }
  vhost(o: Record<string, unknown>, path: string): boolean {
    const v = o.vhost;
    if (v === undefined || v === '/') return true;
    this.err(`${path}.vhost`, `only the vhost "/" can be imported, got ${short(v)}`);
    return false;
  }
  table(v: unknown, path: string): AmqpTable | null {
    if (v === undefined || v === null) return {};
    const t = this.value(v, path, 0);
    if (t === undefined) return null;
    if (!t || typeof t !== 'object' || Array.isArray(t)) {
      this.err(path, 'must be an object');
      return null;
    }
    return t as AmqpTable;
  }
  value(v: unknown, path: string, depth: number): AmqpValue | undefined {
    if (depth > MAX_DEPTH) {
      this.err(path, `nested deeper than ${MAX_DEPTH}`);
      return undefined;
    }
    if (v === null || typeof v === 'boolean') return v;
    if (typeof v === 'number') {
      if (!Number.isFinite(v)) this.err(path, 'must be a finite number');
      return Number.isFinite(v) ? v : undefined;
    }
    if (typeof v === 'string') {
      if (v.length > 65_535) this.err(path, 'a string of at most 65535 characters');
      return v.length > 65_535 ? undefined : v;
    }
    if (Array.isArray(v)) {
      if (v.length > MAX_TABLE_KEYS) {
        this.err(path, `at most ${MAX_TABLE_KEYS} entries`);
        return undefined;
      }
      const out: AmqpValue[] = [];
      for (let i = 0; i < v.length; i++) {
        const x = this.value(v[i], `${path}[${i}]`, depth + 1);
        if (x === undefined) return undefined;
        out.push(x);
      }
      return out;
    }
    if (typeof v === 'object') {
      const keys = Object.keys(v);
      if (keys.length > MAX_TABLE_KEYS) {
        this.err(path, `at most ${MAX_TABLE_KEYS} keys`);
        return undefined;
      }
      const out: AmqpTable = {};
      for (const k of keys) {
        if (k.length > MAX_NAME) {
          this.err(path, `a key longer than ${MAX_NAME} characters`);
          return undefined;
        }
        const x = this.value(
          (v as Record<string, unknown>)[k],
          `${path}[${JSON.stringify(k)}]`,
          depth + 1,
        );
        if (x === undefined) return undefined;
        Object.defineProperty(out, k, {
          value: x,
          enumerable: true,
          writable: true,
          configurable: true,
        });
      }
      return out;
    }
    this.err(path, `unsupported value ${short(v)}`);
    return undefined;
  }
}

function short(v: unknown): string {
  const s = typeof v === 'string' ? JSON.stringify(v) : String(JSON.stringify(v) ?? typeof v);
  return s.length > 40 ? `${s.slice(0, 40)}…` : s;
}

function readDefinitions(json: unknown): ImportResult {
  const r = new Reader();
  const root = r.obj(json, '$');
  if (!root) return { errors: r.errors };
  const exchanges = readExchanges(r, root);
  const queues = readQueues(r, root);
  const bindings = readBindings(r, root);
  const policies = readPolicies(r, root);
  if (r.errors.length) return { errors: r.errors };
  applyPolicies(queues, exchanges, policies, r);
  checkQueueArguments(queues, r);
  if (r.errors.length) return { errors: r.errors };
  return { spec: { exchanges, queues, bindings, publishers: [], consumers: [] } };
}

function readExchanges(r: Reader, root: Record<string, unknown>): AmqpExchangeSpec[] {
  const out: AmqpExchangeSpec[] = [];
  r.list(root, 'exchanges').forEach((raw, i) => {
    const p = `$.exchanges[${i}]`;
    const o = r.obj(raw, p);
    if (!o || !r.vhost(o, p)) return;
    const name = r.name(o, 'name', p, true);
    const type = o.type;
    if (typeof type !== 'string' || !EXCHANGE_TYPES.includes(type)) {
      r.err(`${p}.type`, `must be one of ${EXCHANGE_TYPES.join(', ')}, got ${short(type)}`);
      return;
    }
    const args = r.table(o.arguments, `${p}.arguments`);
    if (name === null || args === null) return;
    if (isBuiltinExchange(name)) return; // every vhost has them; RabbitMQ's export leaves them out
    const x: AmqpExchangeSpec = { name, type: type as ExchangeType };
    const durable = r.bool(o, 'durable', p);
    const autoDelete = r.bool(o, 'auto_delete', p);
    const internal = r.bool(o, 'internal', p);
    if (durable !== undefined) x.durable = durable;
    if (autoDelete !== undefined) x.autoDelete = autoDelete;
    if (internal !== undefined) x.internal = internal;
    if (Object.keys(args).length) x.arguments = args;
    out.push(x);
  });
  return out;
}

function readQueues(r: Reader, root: Record<string, unknown>): AmqpQueueSpec[] {
  const out: AmqpQueueSpec[] = [];
  r.list(root, 'queues').forEach((raw, i) => {
    const p = `$.queues[${i}]`;
    const o = r.obj(raw, p);
    if (!o || !r.vhost(o, p)) return;
    const name = r.name(o, 'name', p);
    const args = r.table(o.arguments, `${p}.arguments`);
    if (name === null || args === null) return;
    const q: AmqpQueueSpec = { name };
    const durable = r.bool(o, 'durable', p);
    const autoDelete = r.bool(o, 'auto_delete', p);
    if (durable !== undefined) q.durable = durable;
    if (autoDelete !== undefined) q.autoDelete = autoDelete;
    if (Object.keys(args).length) q.arguments = args;
    out.push(q);
  });
  return out;
}

function readBindings(r: Reader, root: Record<string, unknown>): AmqpBindingSpec[] {
  const out: AmqpBindingSpec[] = [];
  r.list(root, 'bindings').forEach((raw, i) => {
    const p = `$.bindings[${i}]`;
    const o = r.obj(raw, p);
    if (!o || !r.vhost(o, p)) return;
    const source = r.name(o, 'source', p, true);
    const destination = r.name(o, 'destination', p);
    const routingKey = r.name(o, 'routing_key', p, true);
    const dt = o.destination_type;
    if (dt !== 'queue' && dt !== 'exchange') {
      r.err(`${p}.destination_type`, `must be "queue" or "exchange", got ${short(dt)}`);
      return;
    }
    const args = r.table(o.arguments, `${p}.arguments`);
    if (source === null || destination === null || routingKey === null || args === null) return;
    const b: AmqpBindingSpec = { source, destination, destinationType: dt, routingKey };
    if (Object.keys(args).length) b.arguments = args;
    out.push(b);
  });
  return out;
}

/** Quantified groups that contain a quantifier ((a+)+, (a*)*, (a|b+){2,}) can take exponential
 *  time on a 255-character name: refused rather than run. */
const NESTED_QUANTIFIER = /\((?:[^()\\]|\\.)*[+*}](?:[^()\\]|\\.)*\)\s*[+*{?]/;

function readPolicies(r: Reader, root: Record<string, unknown>): Policy[] {
  const out: Policy[] = [];
  r.list(root, 'policies').forEach((raw, i) => {
    const p = `$.policies[${i}]`;
    const o = r.obj(raw, p);
    if (!o || !r.vhost(o, p)) return;
    const name = r.name(o, 'name', p);
    const src = o.pattern;
    if (typeof src !== 'string' || src.length > MAX_PATTERN) {
      r.err(`${p}.pattern`, `must be a regular expression of at most ${MAX_PATTERN} characters`);
      return;
    }
    if (NESTED_QUANTIFIER.test(src)) {
      r.err(
        `${p}.pattern`,
        'a quantified group containing a quantifier is refused (it can take exponential time)',
      );
      return;
    }
    let pattern: RegExp;
    try {
      pattern = new RegExp(src);
    } catch {
      r.err(`${p}.pattern`, `not a valid regular expression: ${short(src)}`);
      return;
    }
    const applyTo = o['apply-to'] ?? 'all';
    if (applyTo !== 'queues' && applyTo !== 'exchanges' && applyTo !== 'all') {
      r.err(`${p}["apply-to"]`, `must be "queues", "exchanges" or "all", got ${short(applyTo)}`);
      return;
    }
    const priority = o.priority ?? 0;
    if (typeof priority !== 'number' || !Number.isInteger(priority)) {
      r.err(`${p}.priority`, `must be an integer, got ${short(priority)}`);
      return;
    }
    const definition = r.table(o.definition, `${p}.definition`);
    if (name === null || definition === null) return;
    out.push({ name, pattern, applyTo, priority, definition });
  });
  return out;
}

/** The policy RabbitMQ applies to a name: the matching one of highest priority (ties: by name,
 *  a stable choice; RabbitMQ leaves ties unspecified). */
function policyFor(
  name: string,
  kind: 'queues' | 'exchanges',
  policies: readonly Policy[],
): Policy | undefined {
  let best: Policy | undefined;
  for (const pol of policies) {
    if (pol.applyTo !== 'all' && pol.applyTo !== kind) continue;
    if (!pol.pattern.test(name)) continue;
    if (
      !best ||
      pol.priority > best.priority ||
      (pol.priority === best.priority && pol.name < best.name)
    )
      best = pol;
  }
  return best;
}

function applyPolicies(
  queues: AmqpQueueSpec[],
  exchanges: AmqpExchangeSpec[],
  policies: readonly Policy[],
  r: Reader,
): void {
  if (policies.length === 0) return;
  for (const q of queues) {
    const pol = policyFor(q.name, 'queues', policies);
    if (!pol) continue;
    const args: AmqpTable = { ...(q.arguments ?? {}) };
    for (const [key, value] of Object.entries(pol.definition)) {
      const arg = QUEUE_POLICY_KEYS[key];
      if (!arg) continue; // ha-mode, queue-mode … have no effect the simulator models
      const current = args[arg];
      if (current === undefined) args[arg] = value;
      else if (
        NUMERIC_QUEUE_KEYS.has(arg) &&
        typeof current === 'number' &&
        typeof value === 'number'
      ) {
        args[arg] = Math.min(current, value);
      }
    }
    if (Object.keys(args).length) q.arguments = args;
  }
  for (const x of exchanges) {
    const pol = policyFor(x.name, 'exchanges', policies);
    const ae = pol?.definition['alternate-exchange'];
    if (ae === undefined) continue;
    if (typeof ae !== 'string') {
      r.err(`$.policies: ${pol!.name}.definition["alternate-exchange"]`, 'must be a string');
      continue;
    }
    if (x.arguments?.['alternate-exchange'] === undefined)
      x.arguments = { ...(x.arguments ?? {}), 'alternate-exchange': ae };
  }
}

/** The arguments the simulator reads must have the types RabbitMQ requires. */
function checkQueueArguments(queues: readonly AmqpQueueSpec[], r: Reader): void {
  queues.forEach((q, i) => {
    const a = q.arguments ?? {};
    for (const k of NUMERIC_QUEUE_KEYS) {
      const v = a[k];
      if (v !== undefined && (typeof v !== 'number' || !Number.isInteger(v) || v < 0)) {
        r.err(
          `$.queues[${i}].arguments["${k}"]`,
          `must be a non-negative integer, got ${short(v)}`,
        );
      }
    }
    const o = a['x-overflow'];
    if (o !== undefined && (typeof o !== 'string' || !OVERFLOWS.includes(o))) {
      r.err(
        `$.queues[${i}].arguments["x-overflow"]`,
        `must be one of ${OVERFLOWS.join(', ')}, got ${short(o)}`,
      );
    }
    const t = a['x-queue-type'];
    if (t !== undefined && t !== 'classic' && t !== 'quorum') {
      r.err(
        `$.queues[${i}].arguments["x-queue-type"]`,
        `must be "classic" or "quorum", got ${short(t)}`,
      );
    }
  });
}
