/**
 * The change a fork makes: plain JSON (it is part of a shared run), applied to the parent's
 * scenario to get the fork's. Settings merge (a group's `config` merges key by key); the result
 * is validated like any untrusted scenario, so a bad change gets the validator's message.
 */
import {
  formatErrors,
  parseScenario,
  type ConsumerConfig,
  type FaultSpec,
  type GroupSpec,
  type ProducerConfig,
  type ProducerSpec,
  type Scenario,
  type TopicSpec,
} from '../engine';

export type ForkChange =
  | { kind: 'addFault'; fault: FaultSpec }
  /** Index into the parent scenario's `faults`. */
  | { kind: 'removeFault'; index: number }
  | {
      kind: 'setGroup';
      group: string;
      set: Partial<Omit<GroupSpec, 'id' | 'config'>> & { config?: ConsumerConfig };
    }
  | {
      kind: 'setProducer';
      producer: string;
      set: Partial<Omit<ProducerSpec, 'id' | 'config'>> & { config?: ProducerConfig };
    }
  | { kind: 'setTopic'; topic: string; set: Partial<Omit<TopicSpec, 'name'>> };

/** The scenario with `change` applied, validated; throws with a message naming what is wrong. */
export function applyChange(scenario: Scenario, change: ForkChange): Scenario {
  const s = cloneJson(scenario);
  switch (change.kind) {
    case 'addFault':
      s.faults.push(cloneJson(change.fault));
      break;
    case 'removeFault':
      if (!Number.isInteger(change.index) || !s.faults[change.index])
        throw new Error(
          `removeFault: there is no fault ${change.index} (the scenario has ${s.faults.length})`,
        );
      s.faults.splice(change.index, 1);
      break;
    case 'setGroup': {
      const g = s.groups.find((x) => x.id === change.group);
      if (!g) throw new Error(`setGroup: no consumer group named "${change.group}"`);
      const { config, ...rest } = cloneJson(change.set);
      Object.assign(g, rest);
      if (config) g.config = { ...g.config, ...config };
      break;
    }
    case 'setProducer': {
      const p = s.producers.find((x) => x.id === change.producer);
      if (!p) throw new Error(`setProducer: no producer named "${change.producer}"`);
      const { config, ...rest } = cloneJson(change.set);
      Object.assign(p, rest);
      if (config) p.config = { ...p.config, ...config };
      break;
    }
    case 'setTopic': {
      const t = s.topics.find((x) => x.name === change.topic);
      if (!t) throw new Error(`setTopic: no topic named "${change.topic}"`);
      Object.assign(t, cloneJson(change.set));
      break;
    }
    default:
      throw new Error(`unknown fork change ${JSON.stringify(change)}`);
  }
  const parsed = parseScenario(s);
  if (!parsed.ok)
    throw new Error(`the changed scenario is not valid: ${formatErrors(parsed.errors)}`);
  return parsed.scenario;
}

/** A deep copy of JSON data (scenarios are JSON); structuredClone is not in the engine's libs. */
function cloneJson<T>(v: T): T {
  return JSON.parse(JSON.stringify(v)) as T;
}
