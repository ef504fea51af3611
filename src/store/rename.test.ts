/**
 * The properties panel renames an exchange one keystroke at a time (`updateNodeData` on its
 * name): the queues dead-lettering to it and the publishers and bindings from it follow, also
 * when the field is emptied on the way. One undo step restores the old name everywhere.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { updateNodeData } from './designActions';
import { openBuiltIn } from './fileActions';
import { undo } from './historyActions';
import { useAppStore } from './store';

const amqp = () => {
  const c = useAppStore.getState().compiled;
  if (!c.ok) throw new Error(JSON.stringify(c.issues.map((i) => i.message)));
  return c.scenario.amqp!;
};

/** Select all, backspace, then type `name` a letter at a time, as a user does. */
function retype(id: string, name: string) {
  updateNodeData(id, ['name'], '');
  for (let i = 1; i <= name.length; i++) updateNodeData(id, ['name'], name.slice(0, i));
}

describe('renaming an exchange in the store', () => {
  beforeEach(() => openBuiltIn('rabbitmq-retry-with-delay'));

  it('moves dead-letter exchange arguments, publishers and bindings to the new name', () => {
    retype('exchange:payments', 'charges');
    retype('exchange:payments.retry', 'charges.retry');
    const a = amqp();
    expect(a.exchanges.map((x) => x.name)).toEqual(['charges', 'charges.retry']);
    expect(a.queues.map((q) => [q.name, q.arguments?.['x-dead-letter-exchange']])).toEqual([
      ['payments.work', 'charges.retry'],
      ['payments.wait-1s', 'charges'],
    ]);
    expect(a.publishers.map((p) => p.exchange)).toEqual(['charges']);
    expect(a.bindings.map((b) => b.source)).toEqual(['charges', 'charges.retry']);
  });

  it('one undo step per field puts the old name back everywhere', () => {
    retype('exchange:payments', 'charges');
    undo();
    const a = amqp();
    expect(a.exchanges.map((x) => x.name)).toEqual(['payments', 'payments.retry']);
    expect(a.queues[1]?.arguments?.['x-dead-letter-exchange']).toBe('payments');
  });
});
