import { describe, expect, it } from 'vitest';
import { catalogs } from '../i18n/catalog';
import { builtInScenarios, builtInText, builtInTextIn } from '.';

describe('built-in scenario names and descriptions', () => {
  it('every built-in has catalog keys, and the English catalog says what its JSON says', () => {
    expect(Object.keys(builtInText).sort()).toEqual(Object.keys(builtInScenarios).sort());
    for (const [id, json] of Object.entries(builtInScenarios)) {
      const s = json as { name: string; description: string };
      expect(builtInTextIn('en', id), id).toEqual({ name: s.name, description: s.description });
      const zh = builtInTextIn('zh-CN', id)!;
      expect(zh.name, id).not.toBe(s.name);
      expect(zh.description, id).not.toBe(s.description);
      expect(catalogs['zh-CN'][builtInText[id]!.name], id).toBe(zh.name);
    }
  });

  it('Chinese uses the Kafka terms Chinese users use, and keeps Kafka names', () => {
    expect(builtInTextIn('zh-CN', 'hot-partition')!.name).toContain('分区');
    const bf = builtInTextIn('zh-CN', 'broker-failure')!;
    expect(bf.name).toContain('acks=1');
    expect(bf.description).toContain('min.insync.replicas=2');
    expect(bf.description).toContain('幂等');
  });

  it('an unknown or prototype id is not a built-in', () => {
    for (const id of ['nope', '__proto__', 'toString', 'constructor'])
      expect(builtInTextIn('zh-CN', id)).toBeNull();
  });
});
