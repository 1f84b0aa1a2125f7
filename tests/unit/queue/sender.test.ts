import { afterEach, describe, expect, it } from 'vitest';
import type { OutgoingMessage, QueueSender } from '#lib/queue/queue-spec.ts';
import { creditClassificationQueue, notificationsQueue } from '#lib/queue/queues.ts';
import { installQueueSender, sendMessages } from '#lib/queue/sender.ts';

// The typed send: a body of the queue's message type, checked and serialized, sent under the queue's name.
function capture() {
  const sent: (OutgoingMessage & { queue: string })[] = [];
  const sender: QueueSender = {
    send: async (queue, messages) => void sent.push(...messages.map((m) => ({ queue, ...m }))),
  };
  return { sent, sender };
}
const chunk = { runId: 'crun-1', date: '2026-11-29', bucket: '0a', mineIds: ['m-1'] };

afterEach(() => installQueueSender(undefined));

describe('sendMessages', () => {
  it('sends each body as JSON under the queue name and its entry id', async () => {
    const { sent, sender } = capture();
    await sendMessages(
      creditClassificationQueue,
      [
        { id: 'c0', body: chunk },
        { id: 'c1', body: { ...chunk, mineIds: ['m-2', 'm-3'] } },
      ],
      sender,
    );
    expect(sent.map((m) => [m.queue, m.id, JSON.parse(m.body)])).toEqual([
      ['credit-classification', 'c0', chunk],
      ['credit-classification', 'c1', { ...chunk, mineIds: ['m-2', 'm-3'] }],
    ]);
  });

  it('sends nothing when one body does not match the schema', async () => {
    const { sent, sender } = capture();
    const bad = { ...chunk, date: '2026-13-01' };
    await expect(
      sendMessages(
        creditClassificationQueue,
        [
          { id: 'c0', body: chunk },
          { id: 'c1', body: bad },
        ],
        sender,
      ),
    ).rejects.toThrow(/credit-classification.*body\.date/);
    expect(sent).toEqual([]);
  });

  it('goes through the installed sender by default', async () => {
    const { sent, sender } = capture();
    installQueueSender(sender);
    await sendMessages(notificationsQueue, [{ id: 'n0', body: { notificationId: 'ntf-1', jurisdiction: 'hlj' } }]);
    expect(sent.map((m) => [m.queue, JSON.parse(m.body)])).toEqual([
      ['notifications', { notificationId: 'ntf-1', jurisdiction: 'hlj' }],
    ]);
  });

  it('takes only bodies of the queue’s message type (checked by the compiler)', async () => {
    const { sender } = capture();
    const wrong = async () => {
      // @ts-expect-error a credit chunk is no notification
      await sendMessages(notificationsQueue, [{ id: 'n0', body: chunk }], sender);
      // @ts-expect-error mineIds are strings
      await sendMessages(creditClassificationQueue, [{ id: 'c0', body: { ...chunk, mineIds: [1] } }], sender);
      // @ts-expect-error the date is missing
      await sendMessages(creditClassificationQueue, [{ id: 'c0', body: { ...chunk, date: undefined } }], sender);
    };
    await expect(wrong()).rejects.toThrow(/notifications/);
  });
});
