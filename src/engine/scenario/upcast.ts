/**
 * Scenario format versions. Version 2 adds RabbitMQ (`amqp`, emits to an exchange, the
 * rabbitmqRestart and connectionLoss faults) and changes nothing that version 1 has, so a
 * version 1 document means exactly the same as version 2: upcasting only relabels it, as the
 * seed's event-versioning section upcasts an old event on load (a pure function from the old
 * shape to the new one, applied when reading, never writing the old shape back).
 */
import type { Scenario } from './types';

/** The format version the engine and every reader see after parseScenario. */
export const CURRENT_SCENARIO_VERSION = 2;

/**
 * A parsed version 1 scenario as version 2: the same object graph (shared, not copied) with
 * `version: 2`; every other field, and the order of the fields, unchanged. Pure: the argument is
 * not modified.
 */
export function upcastScenario(v1: Scenario & { version: 1 }): Scenario & { version: 2 } {
  return { ...v1, version: 2 };
}
