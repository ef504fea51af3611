import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { splitTopicKey, topicMatches } from './topic';

// Bindings and expected matches from RabbitMQ's own test suite:
// deps/rabbit/test/routing_SUITE.erl, topic1/1 (rabbitmq-server main, 2025).
const BINDINGS: Array<[string, string]> = [
  ['a.b.c', 't1'],
  ['a.*.c', 't2'],
  ['a.#.b', 't3'],
  ['a.b.b.c', 't4'],
  ['#', 't5'],
  ['#.#', 't6'],
  ['#.b', 't7'],
  ['*.*', 't8'],
  ['a.*', 't9'],
  ['*.b.c', 't10'],
  ['a.#', 't11'],
  ['a.#.#', 't12'],
  ['b.b.c', 't13'],
  ['a.b.b', 't14'],
  ['a.b', 't15'],
  ['b.c', 't16'],
  ['', 't17'],
  ['*.*.*', 't18'],
  ['vodka.martini', 't19'],
  ['a.b.c', 't20'],
  ['*.#', 't21'],
  ['#.*.#', 't22'],
  ['*.#.#', 't23'],
  ['*', 't25'],
  ['#.b.#', 't26'],
  ['args-test', 't27'],
];
const EXPECTED: Array<[string, string[]]> = [
  [
    'a.b.c',
    ['t1', 't2', 't5', 't6', 't10', 't11', 't12', 't18', 't20', 't21', 't22', 't23', 't26'],
  ],
  ['a.b', ['t3', 't5', 't6', 't7', 't8', 't9', 't11', 't12', 't15', 't21', 't22', 't23', 't26']],
  ['a.b.b', ['t3', 't5', 't6', 't7', 't11', 't12', 't14', 't18', 't21', 't22', 't23', 't26']],
  ['', ['t5', 't6', 't17']],
  ['b.c.c', ['t5', 't6', 't18', 't21', 't22', 't23', 't26']],
  ['a.a.a.a.a', ['t5', 't6', 't11', 't12', 't21', 't22', 't23']],
  ['vodka.gin', ['t5', 't6', 't8', 't21', 't22', 't23']],
  ['vodka.martini', ['t5', 't6', 't8', 't19', 't21', 't22', 't23']],
  ['b.b.c', ['t5', 't6', 't10', 't13', 't18', 't21', 't22', 't23', 't26']],
  ['nothing.here.at.all', ['t5', 't6', 't21', 't22', 't23']],
  ['oneword', ['t5', 't6', 't21', 't22', 't23', 't25']],
  ['args-test', ['t5', 't6', 't21', 't22', 't23', 't25', 't27']],
];

/** A reference matcher written differently: plain backtracking over word lists. */
function reference(pattern: string[], words: string[]): boolean {
  if (pattern.length === 0) return words.length === 0;
  const [p, ...rest] = pattern;
  if (p === '#') {
    for (let k = 0; k <= words.length; k++) if (reference(rest, words.slice(k))) return true;
    return false;
  }
  if (words.length === 0) return false;
  return (p === '*' || p === words[0]) && reference(rest, words.slice(1));
}

describe('topicMatches', () => {
  it.each(EXPECTED)("routes %j as RabbitMQ's routing_SUITE expects", (key, expected) => {
    const got = [...new Set(BINDINGS.filter(([b]) => topicMatches(b, key)).map(([, q]) => q))];
    expect(got.sort()).toEqual([...expected].sort());
  });

  it('splits words like split_topic_key: "" has none, empty words count', () => {
    expect(splitTopicKey('')).toEqual([]);
    expect(splitTopicKey('a.')).toEqual(['a', '']);
    expect(splitTopicKey('.')).toEqual(['', '']);
    expect(topicMatches('*', '')).toBe(false);
    expect(topicMatches('*.*', '.')).toBe(true);
    expect(topicMatches('a.*', 'a.')).toBe(true);
    expect(topicMatches('#', '')).toBe(true);
    expect(topicMatches('#.#', '')).toBe(true);
    expect(topicMatches('', '')).toBe(true);
    expect(topicMatches('', 'a')).toBe(false);
    expect(topicMatches('a.#.b', 'a.b')).toBe(true);
    expect(topicMatches('a.#.b', 'a.x.y.b')).toBe(true);
    expect(topicMatches('a.#.b', 'a.x.y.c')).toBe(false);
    expect(topicMatches('a.b', 'a.B')).toBe(false);
    expect(topicMatches('a*.b', 'ax.b')).toBe(false); // '*' is a whole word only
    expect(topicMatches('a*.b', 'a*.b')).toBe(true);
  });

  it('is the reference matcher on random keys (seeded)', () => {
    const word = fc.constantFrom('a', 'b', '', 'ab');
    const pword = fc.constantFrom('a', 'b', '', '*', '#');
    const key = (w: fc.Arbitrary<string>) =>
      fc.array(w, { maxLength: 6 }).map((ws) => ws.join('.'));
    fc.assert(
      fc.property(key(pword), key(word), (b, r) => {
        expect(topicMatches(b, r)).toBe(reference(splitTopicKey(b), splitTopicKey(r)));
      }),
      { seed: 20261202, numRuns: 3000 },
    );
  });

  it('handles long keys without deep recursion', () => {
    const long = Array.from({ length: 5000 }, () => 'x').join('.');
    expect(topicMatches('#.x.#', long)).toBe(true);
    expect(topicMatches('#.y', long)).toBe(false);
  });
});
