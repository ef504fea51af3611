/**
 * Random scenarios with every consumer group static (group.instance.id = `${group}-{member}`),
 * for the properties that must hold with static membership too. Keeps only drawn scenarios the
 * parser accepts.
 */
import type fc from 'fast-check';
import { parseScenario } from '../scenario/parse';
import type { Scenario } from '../scenario/types';

export const allStatic = (s: Scenario): Scenario => ({
  ...s,
  groups: s.groups.map((g) => ({
    ...g,
    config: { ...g.config, 'group.instance.id': `${g.id}-{member}` },
  })),
});

export const withStaticMembers = (arb: fc.Arbitrary<Scenario>): fc.Arbitrary<Scenario> =>
  arb.map(allStatic).filter((s) => parseScenario(s).ok);
