import { readFileSync } from 'node:fs';
import { expect, openFresh, test } from './fixtures';

/**
 * Issue 16, "Out to real systems", from the File menu: a built-in exported as an AsyncAPI 3.0
 * document and as kafka-topics.sh commands; the downloaded files say what the design says.
 */
const scenario = JSON.parse(
  readFileSync(new URL('../src/scenarios/kafka-to-rabbitmq.json', import.meta.url), 'utf8'),
) as {
  topics: { name: string; partitions: number }[];
  amqp: { exchanges: { name: string; type: string }[]; queues: { name: string }[] };
  groups: { id: string }[];
};

test('a built-in exported as AsyncAPI and kafka-topics.sh commands', async ({ page, problems }) => {
  await openFresh(page);
  await page.getByTestId('scenario-menu').selectOption('kafka-to-rabbitmq');
  await expect(page.getByTestId('canvas')).toHaveAttribute('data-sim-ready', 'true');

  const download = async (testId: string) => {
    await page.getByTestId('file-menu').click();
    const pending = page.waitForEvent('download');
    await page.getByTestId(testId).click();
    const d = await pending;
    return { name: d.suggestedFilename(), text: readFileSync((await d.path())!, 'utf8') };
  };

  const asyncapi = await download('export-asyncapi');
  expect(asyncapi.name).toMatch(/\.asyncapi\.json$/);
  const doc = JSON.parse(asyncapi.text) as {
    asyncapi: string;
    channels: Record<
      string,
      { address: string; bindings: Record<string, Record<string, unknown>> }
    >;
    operations: Record<
      string,
      { action: string; bindings?: { kafka?: { groupId?: { enum: string[] } } } }
    >;
  };
  expect(doc.asyncapi).toBe('3.0.0');
  const channels = Object.values(doc.channels);
  for (const t of scenario.topics) {
    const c = channels.find((ch) => ch.address === t.name && ch.bindings.kafka);
    expect(c?.bindings.kafka?.partitions).toBe(t.partitions);
  }
  for (const x of scenario.amqp.exchanges) {
    const c = channels.find((ch) => ch.address === x.name && ch.bindings.amqp?.is === 'routingKey');
    expect((c?.bindings.amqp?.exchange as { type: string }).type).toBe(x.type);
  }
  for (const q of scenario.amqp.queues)
    expect(channels.some((ch) => ch.address === q.name && ch.bindings.amqp?.is === 'queue')).toBe(
      true,
    );
  for (const g of scenario.groups)
    expect(
      Object.values(doc.operations).some(
        (o) => o.action === 'receive' && o.bindings?.kafka?.groupId?.enum[0] === g.id,
      ),
    ).toBe(true);
  await expect(page.getByTestId('app-info')).toContainText(asyncapi.name);

  const topics = await download('export-kafka-topics');
  expect(topics.name).toMatch(/\.kafka-topics\.sh$/);
  expect(topics.text.startsWith('#!/bin/sh\n')).toBe(true);
  for (const t of scenario.topics)
    expect(topics.text).toContain(`--create --topic ${t.name} --partitions ${t.partitions}`);
  expect(problems).toEqual([]);
});
