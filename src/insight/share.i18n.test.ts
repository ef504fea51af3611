/**
 * Every way a share link can be refused has a message in both languages: the English one says
 * what `error` says (capitalised, as a notice line), the Chinese one is complete (no `{param}`
 * left unfilled) and keeps the field names and JSON paths as written.
 */
import { deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../engine';
import { renderMsg } from '../i18n/translate';
import { defaultScenarioJson } from '../scenarios';
import { toBase64url } from './base64url';
import { decodeShareState, MAX_SHARE_TEXT } from './share';

const parsed = parseScenario(defaultScenarioJson);
if (!parsed.ok) throw new Error('default scenario');
const scenario = parsed.scenario;
const packed = (content: string | Uint8Array) =>
  toBase64url(new Uint8Array(deflateRawSync(content)));
const payload = (o: Record<string, unknown>) =>
  packed(JSON.stringify({ v: 1, scenario, seed: 1, forks: [], cursor: 0, ...o }));
const UNFILLED = /\{[A-Za-z_]\w*(,[^}]*)?\}/;

const BAD: [string, unknown][] = [
  ['not text', 42],
  ['empty', '   '],
  ['too long', 'A'.repeat(MAX_SHARE_TEXT + 1)],
  ['bad character', 'abcd='],
  ['bad length', 'abcde'],
  ['not deflate', toBase64url(new TextEncoder().encode('plain text, never deflated'))],
  ['not UTF-8', packed(new Uint8Array([0xff, 0xfe, 0x80]))],
  ['not JSON', packed('{"v": 1,')],
  ['too deep', packed(`{"v": 1, "x": ${'['.repeat(200)}${']'.repeat(200)}}`)],
  ['not an object', packed('[1, 2]')],
  ['version', payload({ v: 2 })],
  ['no version', payload({ v: undefined })],
  ['seed', payload({ seed: -1 })],
  ['cursor', payload({ cursor: 1.5 })],
  ['forks', payload({ forks: {} })],
  ['too many forks', payload({ forks: new Array(101).fill({}) })],
  ['scenario', payload({ scenario: { ...scenario, topics: [{ name: 'x', partitions: 0 }] } })],
];

describe('share link refusals in both languages', () => {
  it.each(BAD)('%s', async (_, text) => {
    const r = await decodeShareState(text);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const en = renderMsg('en', r.message);
    const zh = renderMsg('zh-CN', r.message);
    expect(en).not.toMatch(UNFILLED);
    expect(zh).not.toMatch(UNFILLED);
    expect(zh).not.toBe(en);
    expect(zh).toMatch(/[\u4e00-\u9fff]/);
    // The English message is the decoder's own text, as a sentence.
    const plain = en.replace(/\.$/, '').replace(/,(?=\d{3})/g, '');
    const error = r.error.replace(/,(?=\d{3})/g, '');
    expect(plain.toLowerCase().slice(0, 20)).toBe(error.toLowerCase().slice(0, 20));
  });

  it('says where a value is too deep, as the English error does', async () => {
    const r = await decodeShareState(packed(`{"v": 1, "x": ${'['.repeat(200)}${']'.repeat(200)}}`));
    if (r.ok) throw new Error('expected a failure');
    expect(renderMsg('en', r.message)).toBe(`The${r.error.slice(3)}.`);
    expect(renderMsg('zh-CN', r.message)).toMatch(
      /^共享状态过于复杂：x\[0\]\[0\].* 嵌套超过 64 层。$/,
    );
  });

  it('names the scenario field in Chinese too', async () => {
    const r = await decodeShareState(
      payload({ scenario: { ...scenario, topics: [{ name: 'x', partitions: 0 }] } }),
    );
    if (r.ok) throw new Error('expected a failure');
    expect(renderMsg('zh-CN', r.message)).toMatch(
      /^共享的场景无效：scenario\.topics\[0\]\.partitions：必须 ≥ 1，给出的是 0(（另有 \d+ 个问题）)?$/,
    );
  });
});
