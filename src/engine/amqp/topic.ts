/**
 * RabbitMQ's topic matching. A key is split into words on '.' exactly as
 * rabbit_db_topic_exchange:split_topic_key does: "" is zero words, "a." is ["a", ""], "." is
 * ["", ""]. In a binding key `*` matches exactly one word (an empty word too) and `#` zero or
 * more words. Expected answers: deps/rabbit/test/routing_SUITE.erl (topic1), see topic.test.ts.
 */
export function splitTopicKey(key: string): string[] {
  return key === '' ? [] : key.split('.');
}

/**
 * Does a message with `routingKey` match a topic binding with `bindingKey`?
 * Dynamic programming over (binding word, routing word), O(b·r) time, O(r) space, no regex
 * (user text may hold regex metacharacters) and no recursion (no stack depth on long keys).
 */
export function topicMatches(bindingKey: string, routingKey: string): boolean {
  const pattern = splitTopicKey(bindingKey);
  const words = splitTopicKey(routingKey);
  const n = words.length;
  // can[j]: the binding words consumed so far match the first j routing words.
  let can: boolean[] = new Array<boolean>(n + 1).fill(false);
  can[0] = true;
  for (const p of pattern) {
    const next: boolean[] = new Array<boolean>(n + 1).fill(false);
    if (p === '#') {
      let any = false;
      for (let j = 0; j <= n; j++) {
        any = any || can[j] === true;
        next[j] = any;
      }
    } else {
      for (let j = 1; j <= n; j++) {
        next[j] = can[j - 1] === true && (p === '*' || p === words[j - 1]);
      }
    }
    can = next;
  }
  return can[n] === true;
}
