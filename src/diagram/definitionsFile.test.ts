import { describe, expect, it } from 'vitest';
import { parseScenario } from '../engine';
import logsTopic from '../scenarios/rabbitmq-logs-topic.json';
import retry from '../scenarios/rabbitmq-retry-with-delay.json';
import { compile } from './compile';
import { decompile } from './decompile';
import { exportDesignDefinitions, importDesign } from './file';

/** RabbitMQ's definitions.json through the File menu's import and export. */
describe('definitions.json import and export', () => {
  for (const built of [logsTopic, retry]) {
    it(`${built.name}: export, then import, gives the same exchanges, queues and bindings`, () => {
      const p = parseScenario(built);
      if (!p.ok) throw new Error(JSON.stringify(p.errors));
      const text = exportDesignDefinitions(decompile(p.scenario));
      expect(text).not.toBeNull();
      const defs = JSON.parse(text!);
      expect(defs.rabbit_version).toBe('3.10.8');
      const back = importDesign(text!);
      if (!back.ok) throw new Error(back.errors.join('\n'));
      const c = compile(back.design);
      if (!c.ok) throw new Error('the imported design does not compile');
      const a = p.scenario.amqp!;
      const b = c.scenario.amqp!;
      const names = (xs: { name: string }[]) => xs.map((x) => x.name).sort();
      expect(names(b.exchanges)).toEqual(names(a.exchanges));
      expect(names(b.queues)).toEqual(names(a.queues));
      const key = (x: { source: string; destination: string; routingKey: string }) =>
        `${x.source} → ${x.destination} [${x.routingKey}]`;
      expect(b.bindings.map(key).sort()).toEqual(a.bindings.map(key).sort());
      for (const q of a.queues)
        expect(b.queues.find((x) => x.name === q.name)?.arguments ?? {}).toEqual(q.arguments ?? {});
    });
  }

  it('a broken definitions.json is refused with the path of each problem, never thrown', () => {
    const r = importDesign(
      JSON.stringify({
        rabbit_version: '3.10.8',
        queues: [{ name: 5 }],
        exchanges: [],
        bindings: [],
      }),
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.join('\n')).toMatch(/queues\[0\]/);
    expect(r.messages[0]?.key).toBe('validation.file.definitions');
  });

  it('a design without RabbitMQ has no definitions to export', () => {
    const p = parseScenario({
      version: 1,
      name: 'kafka only',
      topics: [{ name: 't', partitions: 1 }],
      producers: [],
      groups: [],
      faults: [],
    });
    if (!p.ok) throw new Error('bad');
    expect(exportDesignDefinitions(decompile(p.scenario))).toBeNull();
  });
});
