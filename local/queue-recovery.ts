/**
 * What a queue holds when it is created on a journal a stopped or crashed runtime left: the messages still to
 * deliver, and the dead letters, including the messages already received maxReceiveCount times without an
 * acknowledgement, which SQS would have moved to the dead-letter queue instead of delivering them again.
 */
import type { QueueSpec } from '#lib/queue/queue-spec.ts';
import type { LocalLogger } from './logger.ts';
import type { JournalDeadLetter, QueueJournal } from './queue-journal.ts';
import type { StoredMessage } from './sqs-record.ts';

export interface RecoveredQueue {
  readonly ready: StoredMessage[];
  readonly deadLetters: JournalDeadLetter[];
}

export function recoverQueue(spec: QueueSpec, journal: QueueJournal | undefined, logger: LocalLogger): RecoveredQueue {
  const ready: StoredMessage[] = [];
  const deadLetters: JournalDeadLetter[] = [...(journal?.recovered.deadLetters ?? [])];
  const exhausted: JournalDeadLetter[] = [];
  for (const message of journal?.recovered.pending ?? []) {
    if (message.receiveCount < spec.maxReceiveCount) {
      ready.push(message);
      continue;
    }
    // Received maxReceiveCount times and never acknowledged: SQS moves it instead of delivering it again.
    exhausted.push({
      messageId: message.messageId,
      body: message.body,
      receiveCount: message.receiveCount,
      sentAt: new Date(message.sentTimestamp).toISOString(),
      lastError: 'not acknowledged before the runtime stopped',
    });
  }
  journal?.deadLettered(exhausted);
  deadLetters.push(...exhausted);
  if (ready.length > 0 || exhausted.length > 0)
    logger.info(
      `[queue] ${spec.name}: ${ready.length} message(s) recovered from the journal` +
        (exhausted.length > 0 ? `, ${exhausted.length} moved to the dead-letter list` : ''),
    );
  return { ready, deadLetters };
}
