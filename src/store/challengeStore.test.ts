import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { entityName, isGroupData } from '../diagram';
import { renderMsg, type Msg } from '../i18n';
import { createCheckClient, type CheckWorkerLike } from '../learn/checkClient';
import { handleCheckRequest } from '../learn/checkRequest';
import { flushAutosave, setStorage, startAutosave } from './autosave';
import {
  closeChallenge,
  importProgressText,
  openChallenge,
  PROGRESS_KEY,
  setCheckClient,
  showNextHint,
  useChallengeStore,
} from './challengeStore';
import { updateNodeData } from './designActions';
import { openBuiltIn } from './fileActions';
import { DESIGN_PREFIX, memoryKV, type KV } from './library';
import { storeAutosaveSource } from './libraryActions';
import { useAppStore } from './store';

let kv: KV;
let stop: () => void = () => {};
const en = (m: Msg) => renderMsg('en', m);

/** A check client whose "worker" runs the check in-process, on the next microtask. */
function inProcessClient() {
  return createCheckClient((): CheckWorkerLike => {
    const w: CheckWorkerLike = {
      onmessage: null,
      onerror: null,
      postMessage: (req) =>
        void Promise.resolve().then(() => w.onmessage?.({ data: handleCheckRequest(req) })),
      terminate: () => {},
    };
    return w;
  });
}

/** Waits until the live check has answered. */
async function settled() {
  for (let i = 0; i < 200; i++) {
    const c = useChallengeStore.getState().check;
    if (c.status === 'done' || c.status === 'problem') return c;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error('the check never answered');
}

const groupNode = (name: string) =>
  useAppStore.getState().nodes.find((n) => isGroupData(n.data) && entityName(n.data) === name)!;

describe('challenge store', () => {
  beforeEach(() => {
    kv = memoryKV();
    setStorage(kv);
    useAppStore.setState({ library: [], aside: [], toast: null, previousRuns: [], notice: null });
    stop = startAutosave(storeAutosaveSource);
    setCheckClient(inProcessClient());
  });
  afterEach(() => {
    closeChallenge();
    stop();
    setStorage(null);
  });

  it('opens the start as a new document (a saved design stays as it was) and checks every edit', async () => {
    openBuiltIn('order-flow');
    const topic = useAppStore.getState().nodes.find((n) => n.data.kind === 'topic')!;
    updateNodeData(topic.id, ['partitions'], 9);
    flushAutosave();
    const saved = useAppStore.getState().doc;
    expect(saved.kind).toBe('design');
    const savedText = kv.getItem(DESIGN_PREFIX + (saved as { id: string }).id);

    expect(openChallenge('make-a-loss')).toBe(true);
    expect(useAppStore.getState().doc.kind).toBe('unsaved');
    expect(kv.getItem(DESIGN_PREFIX + (saved as { id: string }).id)).toBe(savedText);
    const first = await settled();
    expect(first.status).toBe('done');
    if (first.status === 'done') {
      expect(first.result.moves).toBe(0);
      expect(en(first.result.feedback)).toBe('not yet: lost is 0, needs to be at least 1');
    }

    updateNodeData(groupNode('notifier').id, ['commit'], 'before-processing');
    const solved = await settled();
    expect(solved.status === 'done' && solved.result.solved).toBe(true);
    if (solved.status === 'done')
      expect(en(solved.result.feedback)).toBe('Solved in 1 move (par 1) ★★★');
    expect(JSON.parse(kv.getItem(PROGRESS_KEY)!).solved['make-a-loss']).toEqual({
      moves: 1,
      score: 3,
    });

    showNextHint();
    showNextHint();
    showNextHint();
    expect(useChallengeStore.getState().hintsShown).toBe(2);
    // The edit kept the challenge's document in My designs: still the same challenge.
    flushAutosave();
    expect(useAppStore.getState().doc.kind).toBe('design');
    expect(useChallengeStore.getState().activeId).toBe('make-a-loss');
    // Opening another document ends it.
    openBuiltIn('order-flow');
    expect(useChallengeStore.getState().activeId).toBe(null);
  }, 60_000);

  it('an import merges, keeping the better result; a bad file is refused with its reason', () => {
    useChallengeStore.setState({ progress: { solved: { 'make-a-loss': { moves: 1, score: 3 } } } });
    expect(
      importProgressText(
        JSON.stringify({
          format: 'eventflow-challenge-progress',
          version: 1,
          solved: { 'make-a-loss': { moves: 4, score: 1 }, 'keep-lag-low': { moves: 2, score: 3 } },
        }),
      ),
    ).toBe(true);
    expect(useChallengeStore.getState().progress.solved).toEqual({
      'make-a-loss': { moves: 1, score: 3 },
      'keep-lag-low': { moves: 2, score: 3 },
    });
    expect(importProgressText('{"format":1}')).toBe(false);
    expect(en(useChallengeStore.getState().progressNotice!.message)).toMatch(
      /^Import failed: not a progress file: \$\.format/,
    );
  });
});
