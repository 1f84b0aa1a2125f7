/**
 * The in-process queue: implements the QueueSender port the SQS adapter implements in AWS, and delivers
 * SQS-shaped batches to the same consumer handlers, with the Lambda event source's rules: batches of up to
 * batchSize, partial batch failures (only the records named in batchItemFailures come back), a thrown error or an
 * invalid failure list fails the whole batch, and after maxReceiveCount deliveries a message goes to the queue's
 * dead-letter list. No SQS emulator runs on Node 20 with today's SDK protocol, hence in-process (see DESIGN.md).
 *
 * A consumer still running after the queue's visibility timeout counts as failed (Lambda's timeout would end it).
 * A consumer may send only to the queues its queue's `sendsTo` names: in AWS it has no URL for any other.
 * As Lambda's event source does, a queue runs up to `concurrency` consumer invocations at once, each with its own
 * batch (default five, the pollers Lambda starts a queue with; at most MAX_QUEUE_CONCURRENCY): the nightly review's
 * chunks are reviewed side by side as in AWS. `concurrency: 1` delivers one batch at a time, in order. Differences
 * from AWS, on purpose: the number of invocations does not scale with the backlog, and a failed message comes back
 * after retryDelayMs instead of the visibility timeout.
 *
 * With `journalDir` (the runtime's `<dataDir>/queue/`), every message is on disk from the moment `send` resolves
 * until it is acknowledged or dead-lettered (see queue-journal.ts), with its receive count. A queue created on the
 * same directory after a stop or a crash holds what was left, and delivers it once `start()` is called: a message
 * that was being processed when the runtime died counts that delivery, and one that had already been received
 * maxReceiveCount times goes to the dead-letter list, as SQS would move it. Dead letters are kept on disk too.
 * Without `journalDir`, messages live in memory only (unit tests).
 *
 * Beside this file: queue-concurrency.ts (how many invocations at once), queue-batch-outcome.ts (what a consumer's
 * answer means for its batch), queue-recovery.ts (what a journal left), queue-journal.ts, queue-send-rules.ts.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Context, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import type { OutgoingMessage, QueueSender, QueueSpec } from '#lib/queue/queue-spec.ts';
import { createLambdaContext } from './lambda-context.ts';
import { consoleLogger, type LocalLogger } from './logger.ts';
import { failuresOf, withTimeout } from './queue-batch-outcome.ts';
import { queueConcurrency } from './queue-concurrency.ts';
import { openQueueJournal, type QueueJournal } from './queue-journal.ts';
import { recoverQueue } from './queue-recovery.ts';
import { SQS_MAX_MESSAGE_BYTES, validateSend } from './queue-send-rules.ts';
import { newStoredMessage, type StoredMessage, toSqsRecord } from './sqs-record.ts';

export { DEFAULT_QUEUE_CONCURRENCY, MAX_QUEUE_CONCURRENCY, queueConcurrency } from './queue-concurrency.ts';

// biome-ignore lint/suspicious/noConfusingVoidType: a Lambda SQS handler may return nothing, as aws-lambda's own types say
export type QueueConsumer = (event: SQSEvent, context: Context) => Promise<SQSBatchResponse | void>;

export interface LocalQueueOptions {
  readonly queues: readonly QueueSpec[];
  /** Loads the consumer for a queue (e.g. imports functions/queue/<module>.ts); called once per queue. */
  readonly loadConsumer: (spec: QueueSpec) => Promise<QueueConsumer>;
  readonly now?: () => Date;
  readonly logger?: LocalLogger;
  /** Delay before a failed message is delivered again (SQS: the visibility timeout). Default 50 ms. */
  readonly retryDelayMs?: number | ((receiveCount: number) => number);
  /** Larger bodies are refused as SQS would; default 256 KiB, SQS's long-standing default limit. */
  readonly maxMessageBytes?: number;
  /** Keep messages on disk here (one journal per queue) until acknowledged; omit for memory only. */
  readonly journalDir?: string;
  /**
   * Consumer invocations a queue runs at once, each with its own batch: a number for every queue, or one per queue.
   * Default DEFAULT_QUEUE_CONCURRENCY; bounded to 1…MAX_QUEUE_CONCURRENCY.
   */
  readonly concurrency?: number | ((spec: QueueSpec) => number);
}

export interface DeadLetter {
  readonly messageId: string;
  readonly body: string;
  readonly receiveCount: number;
  readonly sentAt: string;
  readonly lastError: string;
}

export interface QueueStats {
  /** Waiting for delivery, including failed messages waiting for their retry delay. */
  readonly pending: number;
  readonly inFlight: number;
  /** Record deliveries (a message delivered twice counts twice). */
  readonly delivered: number;
  readonly succeeded: number;
  readonly failed: number;
  readonly deadLettered: number;
}

export interface LocalQueue extends QueueSender {
  /** Starts delivering the messages recovered from the journal (new sends are delivered at once regardless). */
  start(): void;
  /** Resolves when every queue is empty and idle, including messages consumers sent while draining. */
  drain(options?: { timeoutMs?: number }): Promise<void>;
  deadLetters(queue: string): readonly DeadLetter[];
  stats(): Record<string, QueueStats>;
  /** Cancels pending retries and refuses further sends; in-memory messages are dropped, journaled ones stay on disk. */
  close(): void;
}

interface Message extends StoredMessage {
  lastError?: string;
}

interface QueueState {
  readonly spec: QueueSpec;
  readonly ready: Message[];
  readonly deadLetters: DeadLetter[];
  readonly journal?: QueueJournal;
  delayed: number;
  /** Messages in the batches being handled. */
  inFlight: number;
  /** Consumer invocations running, and how many may. */
  running: number;
  readonly concurrency: number;
  pumpScheduled: boolean;
  consumer?: Promise<QueueConsumer>;
  delivered: number;
  succeeded: number;
  failed: number;
}

const DEFAULT_RETRY_DELAY_MS = 50;

export function createLocalQueue(options: LocalQueueOptions): LocalQueue {
  const now = options.now ?? (() => new Date());
  const logger = options.logger ?? consoleLogger;
  const retryDelay = options.retryDelayMs ?? DEFAULT_RETRY_DELAY_MS;
  const maxMessageBytes = options.maxMessageBytes ?? SQS_MAX_MESSAGE_BYTES;
  const states = new Map<string, QueueState>();
  for (const spec of options.queues) {
    if (states.has(spec.name)) throw new Error(`Queue "${spec.name}" is defined twice`);
    const journal = options.journalDir === undefined ? undefined : openQueueJournal(options.journalDir, spec.name);
    const { ready, deadLetters } = recoverQueue(spec, journal, logger);
    states.set(spec.name, {
      spec,
      ready,
      deadLetters,
      ...(journal ? { journal } : {}),
      delayed: 0,
      inFlight: 0,
      running: 0,
      concurrency: queueConcurrency(
        typeof options.concurrency === 'function' ? options.concurrency(spec) : options.concurrency,
      ),
      pumpScheduled: false,
      delivered: 0,
      succeeded: 0,
      failed: 0,
    });
  }
  for (const spec of options.queues)
    for (const target of spec.sendsTo ?? [])
      if (!states.has(target)) throw new Error(`Queue "${spec.name}" sends to "${target}", which is not defined`);
  /** The queue whose consumer is running, for the sends it makes. */
  const consuming = new AsyncLocalStorage<QueueSpec>();
  /**
   * Consumers running on every queue. While one runs, Node's promise hooks follow every promise of the process (the
   * API's too) so that its sends know their queue; when none runs they are switched off (`disable`, which the next
   * `run` undoes), so the API is not slowed by them between jobs, as Lambda never is.
   */
  let consumersRunning = 0;
  const timers = new Set<ReturnType<typeof setTimeout>>();
  let idleWaiters: (() => void)[] = [];
  let closed = false;

  const stateOf = (queue: string): QueueState => {
    const state = states.get(queue);
    if (!state) throw new Error(`Unknown queue "${queue}" (known: ${[...states.keys()].join(', ') || 'none'})`);
    return state;
  };

  const isIdle = (): boolean =>
    [...states.values()].every((s) => s.ready.length === 0 && s.delayed === 0 && s.inFlight === 0 && !s.pumpScheduled);

  const stats = (): Record<string, QueueStats> => {
    const result: Record<string, QueueStats> = {};
    for (const [name, s] of states) {
      result[name] = {
        pending: s.ready.length + s.delayed,
        inFlight: s.inFlight,
        delivered: s.delivered,
        succeeded: s.succeeded,
        failed: s.failed,
        deadLettered: s.deadLetters.length,
      };
    }
    return result;
  };

  const notifyIfIdle = (): void => {
    if (idleWaiters.length === 0 || !isIdle()) return;
    const waiters = idleWaiters;
    idleWaiters = [];
    for (const resolve of waiters) resolve();
  };

  const schedulePump = (state: QueueState): void => {
    if (state.pumpScheduled || closed) return;
    state.pumpScheduled = true;
    setImmediate(() => {
      state.pumpScheduled = false;
      pump(state);
    });
  };

  /** Starts invocations while the queue has messages and room for another; each takes up to batchSize of them. */
  const pump = (state: QueueState): void => {
    while (!closed && state.running < state.concurrency && state.ready.length > 0) {
      const batch = state.ready.splice(0, state.spec.batchSize);
      state.running += 1;
      state.inFlight += batch.length;
      void deliver(state, batch).finally(() => {
        state.running -= 1;
        state.inFlight -= batch.length;
        schedulePump(state);
        notifyIfIdle();
      });
    }
    notifyIfIdle();
  };

  const consumerOf = (state: QueueState): Promise<QueueConsumer> => {
    if (!state.consumer) {
      state.consumer = options.loadConsumer(state.spec);
      // A consumer that failed to load is tried again on the next batch (after a fix and a hot reload).
      state.consumer.catch(() => {
        state.consumer = undefined;
      });
    }
    return state.consumer;
  };

  /**
   * A receive count or an acknowledgement that cannot be written (a full disk) is logged, and delivery goes on: the
   * message is then delivered once more after a restart, which at-least-once delivery allows. A send, by contrast,
   * fails when its journal write fails.
   */
  const journaled = (state: QueueState, write: (journal: QueueJournal) => void): void => {
    if (!state.journal) return;
    try {
      write(state.journal);
    } catch (error) {
      logger.error(`[queue] ${state.spec.name}: could not write the journal: ${(error as Error).message}`);
    }
  };

  const deliver = async (state: QueueState, batch: Message[]): Promise<void> => {
    const deliveredAt = now().getTime();
    const records = batch.map((message) => {
      message.receiveCount += 1;
      message.firstReceiveTimestamp ??= deliveredAt;
      return toSqsRecord(state.spec.name, message);
    });
    journaled(state, (journal) => journal.received(batch));
    state.delivered += batch.length;
    let failedIds: ReadonlySet<string>;
    let reason: string;
    try {
      const consumer = await consumerOf(state);
      const timeoutMs = state.spec.visibilityTimeoutSeconds * 1000;
      const context = createLambdaContext({ functionName: `coalsafe-local-${state.spec.module}`, timeoutMs });
      consumersRunning += 1;
      const response = await withTimeout(
        consuming.run(state.spec, () => consumer({ Records: records }, context)),
        timeoutMs,
      ).finally(() => {
        consumersRunning -= 1;
        if (consumersRunning === 0) consuming.disable();
      });
      failedIds = failuresOf(response, batch);
      reason = 'reported in batchItemFailures';
    } catch (error) {
      failedIds = new Set(batch.map((m) => m.messageId));
      reason = error instanceof Error ? error.message : String(error);
      logger.warn(`[queue] ${state.spec.name}: batch of ${batch.length} failed: ${reason}`);
    }
    const retry: Message[] = [];
    const acknowledged: string[] = [];
    const dead: DeadLetter[] = [];
    for (const message of batch) {
      if (!failedIds.has(message.messageId)) {
        state.succeeded += 1;
        acknowledged.push(message.messageId);
        continue;
      }
      state.failed += 1;
      message.lastError = reason;
      if (message.receiveCount >= state.spec.maxReceiveCount) {
        dead.push({
          messageId: message.messageId,
          body: message.body,
          receiveCount: message.receiveCount,
          sentAt: new Date(message.sentTimestamp).toISOString(),
          lastError: reason,
        });
        logger.error(
          `[queue] ${state.spec.name}: message ${message.messageId} moved to the dead-letter list after ${message.receiveCount} deliveries (${reason})`,
        );
      } else {
        retry.push(message);
      }
    }
    if (!closed) {
      journaled(state, (journal) => journal.acknowledged(acknowledged));
      journaled(state, (journal) => journal.deadLettered(dead));
    }
    state.deadLetters.push(...dead);
    redeliverLater(state, retry);
  };

  /** Failed messages of one batch come back together, so a retried batch is delivered as one batch again. */
  const redeliverLater = (state: QueueState, messages: readonly Message[]): void => {
    const byDelay = new Map<number, Message[]>();
    for (const message of messages) {
      const delay = typeof retryDelay === 'function' ? retryDelay(message.receiveCount) : retryDelay;
      byDelay.set(delay, [...(byDelay.get(delay) ?? []), message]);
    }
    for (const [delay, group] of byDelay) {
      state.delayed += group.length;
      const timer = setTimeout(() => {
        timers.delete(timer);
        state.delayed -= group.length;
        state.ready.push(...group);
        schedulePump(state);
        notifyIfIdle();
      }, delay);
      timers.add(timer);
    }
  };

  return {
    async send(queue: string, messages: readonly OutgoingMessage[]): Promise<void> {
      if (closed) throw new Error('The local queue is closed');
      const state = stateOf(queue);
      const from = consuming.getStore();
      if (from && !from.sendsTo?.includes(queue))
        throw new Error(`The consumer of "${from.name}" may not send to "${queue}": it is not in its sendsTo`);
      validateSend(queue, messages, maxMessageBytes);
      const sentTimestamp = now().getTime();
      const stored = messages.map((message) => newStoredMessage(message.body, sentTimestamp));
      // On disk before the sender hears it was sent.
      state.journal?.sent(stored);
      state.ready.push(...stored);
      if (messages.length > 0) schedulePump(state);
    },

    start() {
      for (const state of states.values()) if (state.ready.length > 0) schedulePump(state);
    },

    drain({ timeoutMs }: { timeoutMs?: number } = {}): Promise<void> {
      if (isIdle()) return Promise.resolve();
      return new Promise<void>((resolve, reject) => {
        let timer: ReturnType<typeof setTimeout> | undefined;
        const done = (): void => {
          if (timer) clearTimeout(timer);
          resolve();
        };
        idleWaiters.push(done);
        if (timeoutMs !== undefined) {
          timer = setTimeout(() => {
            idleWaiters = idleWaiters.filter((w) => w !== done);
            reject(new Error(`Local queue not drained after ${timeoutMs} ms: ${JSON.stringify(stats())}`));
          }, timeoutMs);
        }
      });
    },

    deadLetters: (queue) => [...stateOf(queue).deadLetters],

    stats,

    close() {
      if (closed) return;
      closed = true;
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      for (const state of states.values()) {
        state.ready.length = 0;
        state.delayed = 0;
        state.journal?.close();
      }
      notifyIfIdle();
    },
  };
}
