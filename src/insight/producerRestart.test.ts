/** A producer restart's duplicates in the log, explained (issue 12). */
import { describe, expect, it } from 'vitest';
import { simulate, type FaultSpec } from '../engine';
import { idempotentShop } from '../engine/test/idempotentShop';
import { detectAnomalies } from './test/explainCheck';
import { en } from './test/render';
import { renderMsg } from '../i18n/translate';

const shop = idempotentShop;

describe('duplicates from a producer restart', () => {
  const lost: FaultSpec = { kind: 'ackLoss', atMs: 400, producer: 'shop', count: 5 };
  const restart: FaultSpec = { kind: 'producerRestart', atMs: 450, producer: 'shop' };

  it('each copy the new session appended again is a duplicate caused by the restart, named with both producer ids', () => {
    const r = simulate(shop([lost, restart]));
    const inLog = detectAnomalies(r.model, r.events).filter(
      (a) => a.kind === 'duplicate' && a.group === undefined,
    );
    expect(inLog.length).toBe(r.summary.logDuplicates);
    expect(inLog.length).toBeGreaterThan(0);
    for (const a of inLog) {
      expect(a.cause).toBe('producer-restart');
      const text = en(a.explanation);
      expect(text).toContain('restarted at 450 ms with a new producer id (1, before: 0)');
      expect(text).toContain('within one producer session only');
      expect(renderMsg('zh-CN', a.explanation)).toContain('新的 producer id');
    }
  });

  it('without the restart, the idempotent producer leaves nothing to explain in the log', () => {
    const r = simulate(shop([lost]));
    const inLog = detectAnomalies(r.model, r.events).filter(
      (a) => a.kind === 'duplicate' && a.group === undefined,
    );
    expect(inLog).toEqual([]);
  });
});
