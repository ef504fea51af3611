/**
 * The catalogs are complete and used: both languages have the same keys and parameters, every
 * message parses, keys belong to their area, and every key appears somewhere in the source.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { catalogAreas, catalogs } from './catalog';
import { paramNames, parseMessage } from './icu';
import { translate } from './translate';

describe('message catalogs', () => {
  it('every area has the same keys in English and Chinese, prefixed with the area', () => {
    for (const [area, { en, zh }] of Object.entries(catalogAreas)) {
      const enKeys = Object.keys(en).sort();
      expect(Object.keys(zh).sort(), `keys of ${area}`).toEqual(enKeys);
      for (const k of enKeys)
        expect(k.startsWith(`${area}.`), `${k} is in messages/${area}.ts`).toBe(true);
    }
  });

  it('no key is defined in two areas', () => {
    const seen = new Map<string, string>();
    for (const [area, { en }] of Object.entries(catalogAreas))
      for (const k of Object.keys(en)) {
        expect(seen.get(k), `${k} defined twice`).toBeUndefined();
        seen.set(k, area);
      }
  });

  it('every message parses, is not empty, and uses the same parameters in both languages', () => {
    for (const key of Object.keys(catalogs.en)) {
      const en = catalogs.en[key]!;
      const zh = catalogs['zh-CN'][key]!;
      expect(en.trim(), `en ${key}`).not.toBe('');
      expect(zh.trim(), `zh ${key}`).not.toBe('');
      const pe = [...paramNames(parseMessage(en))].sort();
      const pz = [...paramNames(parseMessage(zh))].sort();
      expect(pz, `parameters of ${key}`).toEqual(pe);
    }
  });

  it('every key is used somewhere in the source (as a literal string)', () => {
    const literals = new Set<string>();
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const p = join(dir, name);
        if (statSync(p).isDirectory()) {
          if (p.endsWith(join('i18n', 'messages'))) continue;
          walk(p);
        } else if (/\.(tsx?|json)$/.test(name) && !/\.test\.tsx?$/.test(name)) {
          for (const m of readFileSync(p, 'utf8').matchAll(/['"`]([A-Za-z][\w.-]*)['"`]/g))
            literals.add(m[1]!);
        }
      }
    };
    walk(join(__dirname, '..'));
    const unused = Object.keys(catalogs.en).filter((k) => !literals.has(k));
    expect(unused, 'keys no source file uses').toEqual([]);
  });

  it('renders plurals, numbers and nested messages per locale', () => {
    expect(translate('zh-CN', 'common.language')).toBe('语言');
  });
});
