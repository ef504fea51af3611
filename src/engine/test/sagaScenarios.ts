/**
 * The seed's order flow (§6.2–6.3: OrderCreated → InventoryReserved → PaymentProcessed →
 * OrderShipped → OrderCompleted; on failure PaymentFailed → InventoryReleased → OrderCancelled)
 * as two runnable scenarios (issue 14), with failures to inject: payments that fail at a rate,
 * and a crash of an inventory service member whose uncommitted records are redelivered.
 */
import { parseScenario } from '../scenario/parse';
import type { FaultSpec, GroupSpec, Scenario, SagaSpec } from '../scenario/types';
import { ORDER_SAGA } from './orderSaga';

export interface SagaFixtureOptions {
  /** How often a payment is declined (PaymentFailed). Default 0. */
  paymentFailRate?: number;
  /** The services' idempotent consumer (a dedup store by event id). Default false. */
  idempotent?: boolean;
  /** The orchestrator's deduplication by event id. Default false. */
  deduplicate?: boolean;
  /** Widgets in stock at the start. Default 1000. */
  stock?: number;
  /** Crash inventory-1 at this time (and restart it 200 ms later). */
  crashInventoryAtMs?: number;
  orders?: number;
  seed?: number;
}

const KAFKA_CLIENT = {
  'session.timeout.ms': 600,
  'heartbeat.interval.ms': 100,
  'auto.commit.interval.ms': 1000,
  'auto.offset.reset': 'earliest' as const,
};

function crashFaults(o: SagaFixtureOptions): FaultSpec[] {
  if (o.crashInventoryAtMs === undefined) return [];
  const at = o.crashInventoryAtMs;
  return [
    { kind: 'crash', atMs: at, group: 'inventory', member: 'inventory-1' },
    { kind: 'restart', atMs: at + 200, group: 'inventory', member: 'inventory-1' },
  ];
}

function parsed(doc: unknown): Scenario {
  const r = parseScenario(doc);
  if (!r.ok) throw new Error(`invalid scenario: ${JSON.stringify(r.errors)}`);
  return r.scenario;
}

const shop = (o: SagaFixtureOptions, topic: string) => ({
  id: 'shop',
  topic,
  rate: { kind: 'constant', perSec: 20 },
  keys: { kind: 'uniform', count: 100_000, prefix: 'order-' },
  eventType: 'OrderCreated',
  stopMs: ((o.orders ?? 30) * 1000) / 20 - 1,
});

/** Orchestration: an order-saga orchestrator sends commands; the services reply. */
export function orchestratedOrders(o: SagaFixtureOptions = {}): Scenario {
  const services: GroupSpec[] = [
    {
      id: 'inventory',
      topics: ['inventory-commands'],
      members: 2,
      processingMs: 2,
      config: KAFKA_CLIENT,
      idempotent: o.idempotent ?? false,
      stock: { widget: o.stock ?? 1000 },
      handlers: [
        {
          on: 'ReserveInventory',
          stock: { item: 'widget', delta: -1 },
          emit: [{ type: 'InventoryReserved', topic: 'saga-replies' }],
          onFailure: { emit: [{ type: 'InventoryFailed', topic: 'saga-replies' }] },
        },
        {
          on: 'ReleaseInventory',
          stock: { item: 'widget', delta: 1 },
          emit: [{ type: 'InventoryReleased', topic: 'saga-replies' }],
        },
      ],
    },
    {
      id: 'payment',
      topics: ['payment-commands'],
      members: 1,
      processingMs: 3,
      config: KAFKA_CLIENT,
      idempotent: o.idempotent ?? false,
      handlers: [
        {
          on: 'ProcessPayment',
          emit: [{ type: 'PaymentProcessed', topic: 'saga-replies' }],
          onFailure: {
            rate: o.paymentFailRate ?? 0,
            emit: [{ type: 'PaymentFailed', topic: 'saga-replies' }],
          },
        },
      ],
    },
    {
      id: 'shipping',
      topics: ['shipping-commands'],
      members: 1,
      processingMs: 5,
      config: KAFKA_CLIENT,
      handlers: [{ on: 'ShipOrder', emit: [{ type: 'OrderShipped', topic: 'saga-replies' }] }],
    },
  ];
  const saga: SagaSpec = {
    ...ORDER_SAGA,
    deduplicate: o.deduplicate ?? false,
    steps: ORDER_SAGA.steps.map((s) => ({ ...s, timeoutMs: 400, backoffMs: 50 })),
  };
  return parsed({
    version: 2,
    name: 'order saga (orchestration)',
    seed: o.seed ?? 7,
    durationMs: 5000,
    topics: [
      'orders',
      'inventory-commands',
      'payment-commands',
      'shipping-commands',
      'saga-replies',
    ].map((name) => ({ name, partitions: 2 })),
    producers: [shop(o, 'orders')],
    groups: services,
    faults: crashFaults(o),
    sagas: [saga],
  });
}

/**
 * Choreography: no orchestrator; each service reacts to the others' events on one topic,
 * `order-events` (the seed's §6.2), and the inventory service compensates a failed payment.
 */
export function choreographedOrders(o: SagaFixtureOptions = {}): Scenario {
  const ev = (type: string) => ({ type, topic: 'order-events' });
  const base = { topics: ['order-events'], processingMs: 2, config: KAFKA_CLIENT };
  return parsed({
    version: 2,
    name: 'order saga (choreography)',
    seed: o.seed ?? 7,
    durationMs: 5000,
    topics: [{ name: 'order-events', partitions: 3 }],
    producers: [shop(o, 'order-events')],
    groups: [
      {
        ...base,
        id: 'inventory',
        members: 2,
        idempotent: o.idempotent ?? false,
        stock: { widget: o.stock ?? 1000 },
        handlers: [
          {
            on: 'OrderCreated',
            stock: { item: 'widget', delta: -1 },
            emit: [ev('InventoryReserved')],
            onFailure: { emit: [ev('InventoryFailed')] },
          },
          {
            on: 'PaymentFailed',
            stock: { item: 'widget', delta: 1 },
            emit: [ev('InventoryReleased')],
          },
        ],
      },
      {
        ...base,
        id: 'payment',
        members: 1,
        idempotent: o.idempotent ?? false,
        handlers: [
          {
            on: 'InventoryReserved',
            emit: [ev('PaymentProcessed')],
            onFailure: { rate: o.paymentFailRate ?? 0, emit: [ev('PaymentFailed')] },
          },
        ],
      },
      {
        ...base,
        id: 'shipping',
        members: 1,
        handlers: [{ on: 'PaymentProcessed', emit: [ev('OrderShipped')] }],
      },
      {
        ...base,
        id: 'order',
        members: 1,
        handlers: [
          { on: 'OrderShipped', emit: [ev('OrderCompleted')] },
          { on: 'InventoryReleased', emit: [ev('OrderCancelled')] },
          { on: 'InventoryFailed', emit: [ev('OrderCancelled')] },
        ],
      },
    ],
    faults: crashFaults(o),
  });
}
