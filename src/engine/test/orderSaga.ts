/**
 * The seed's order saga (§6: OrderCreated → InventoryReserved → PaymentProcessed → OrderShipped
 * → OrderCompleted; on failure PaymentFailed → InventoryReleased → OrderCancelled) as an
 * orchestration, and a scripted environment for the orchestrator alone: each command's fate is
 * drawn from a fault schedule (a reply, a failure, no reply, a late reply, duplicates).
 */
import type { SagaCommandSent } from '../saga/events';
import type { SagaMessage } from '../saga/state';
import type { SagaSpec } from '../scenario/types';

export const ORDER_SAGA: SagaSpec = {
  id: 'order-saga',
  start: { topic: 'orders', type: 'OrderCreated' },
  replyTopics: ['saga-replies'],
  steps: [
    {
      name: 'reserveInventory',
      kind: 'compensatable',
      command: { type: 'ReserveInventory', topic: 'inventory-commands' },
      success: ['InventoryReserved'],
      failure: ['InventoryFailed'],
      compensation: {
        type: 'ReleaseInventory',
        topic: 'inventory-commands',
        success: ['InventoryReleased'],
      },
      timeoutMs: 100,
      retries: 1,
      backoffMs: 10,
    },
    {
      name: 'processPayment',
      kind: 'pivot',
      command: { type: 'ProcessPayment', topic: 'payment-commands' },
      success: ['PaymentProcessed'],
      failure: ['PaymentFailed'],
      timeoutMs: 100,
      retries: 1,
      backoffMs: 10,
    },
    {
      name: 'shipOrder',
      kind: 'retriable',
      command: { type: 'ShipOrder', topic: 'shipping-commands' },
      success: ['OrderShipped'],
      failure: ['ShippingDelayed'],
      timeoutMs: 100,
      backoffMs: 10,
    },
  ],
  onCompleted: { type: 'OrderCompleted', topic: 'orders' },
  onCancelled: { type: 'OrderCancelled', topic: 'orders' },
};

/** Eventuate-style generic replies (`Success` / `Failure` for every step). */
export function genericReplies(spec: SagaSpec): SagaSpec {
  return {
    ...spec,
    steps: spec.steps.map((s) => ({
      ...s,
      success: ['Success'],
      failure: ['Failure'],
      ...(s.compensation ? { compensation: { ...s.compensation, success: ['Success'] } } : {}),
    })),
  };
}

/** What happens to one command: its reply (or none), when, and how many extra copies. */
export interface CommandFate {
  outcome: 'success' | 'failure' | 'none';
  delayMs: number;
  /** Copies of the same reply (same event id) delivered again later: redelivery. */
  copies: number;
  copyDelayMs: number;
}

export const OK: CommandFate = { outcome: 'success', delayMs: 5, copies: 0, copyDelayMs: 0 };

const REPLY_TYPES: Record<string, [string, string]> = {
  ReserveInventory: ['InventoryReserved', 'InventoryFailed'],
  ReleaseInventory: ['InventoryReleased', 'InventoryReleased'],
  ProcessPayment: ['PaymentProcessed', 'PaymentFailed'],
  ShipOrder: ['OrderShipped', 'ShippingDelayed'],
};

/**
 * A responder that gives the n-th command the n-th fate (OK once the list runs out). Reply
 * event ids count from 1 (commands' from 1_000_000); `generic` answers Success / Failure.
 */
export function scriptedResponder(fates: readonly CommandFate[], generic = false) {
  let n = 0;
  let id = 1;
  return (cmd: SagaCommandSent): SagaMessage[] => {
    const f = fates[n++] ?? OK;
    if (f.outcome === 'none') return [];
    const types = REPLY_TYPES[cmd.commandType];
    if (types === undefined) return [];
    const type = generic
      ? f.outcome === 'success'
        ? 'Success'
        : 'Failure'
      : types[f.outcome === 'success' ? 0 : 1];
    const base = {
      eventId: id++,
      type,
      topic: 'saga-replies',
      key: cmd.key,
      keyId: -1,
      causationId: cmd.commandId,
    };
    const out: SagaMessage[] = [{ ...base, arrivedUs: cmd.timeUs + Math.round(f.delayMs * 1000) }];
    for (let i = 1; i <= f.copies; i++)
      out.push({
        ...base,
        arrivedUs: cmd.timeUs + Math.round((f.delayMs + i * f.copyDelayMs) * 1000),
      });
    return out;
  };
}

/** OrderCreated for order-1 … order-n, one every `everyMs`. */
export function orderStarts(n: number, everyMs = 1): SagaMessage[] {
  return Array.from({ length: n }, (_, i) => ({
    eventId: 500_000 + i,
    type: 'OrderCreated',
    topic: 'orders',
    key: `order-${i + 1}`,
    keyId: i,
    causationId: null,
    arrivedUs: Math.round(i * everyMs * 1000),
  }));
}
