import * as z from 'zod/mini';
import '#lib/schemas/zod.ts';
import { businessDateSchema, idSchema, jurisdictionSchema } from '#lib/schemas/primitives.ts';
import { defineQueue, type Message, type QueueDefinition } from './queue-spec.ts';

/**
 * Every queue of the product, each once: its name, the schema of its message body, its consumer module under
 * functions/queue and its delivery settings. Producers send through these definitions, consumers parse with them,
 * and CDK and the local runtime build their queues from QUEUES.
 */

const mineIds = z.readonly(z.array(idSchema).check(z.minLength(1)));
const chunkIndex = z.number().check(z.int(), z.nonnegative());

/** A recorded notification to deliver; the dispatcher reads the rest from its item (mine or jurisdiction key). */
const dispatchSchema = z.object({
  notificationId: idSchema,
  mineId: z.optional(idSchema),
  jurisdiction: jurisdictionSchema,
});

// One message per notification: the dispatcher delivers it in-app, by email and by SMS to each recipient.
export const notificationsQueue = defineQueue({
  name: 'notifications',
  module: 'notification-dispatch',
  needs: { table: { access: 'read-write', indexes: ['GSI1', 'GSI2'] } },
  schema: dispatchSchema,
  batchSize: 10,
  maxReceiveCount: 5,
  visibilityTimeoutSeconds: 120,
  sends: ['email', 'sms'],
});
export type DispatchMessage = Message<typeof notificationsQueue>;

/** One chunk of the nightly electricity review: mines of one jurisdiction, one of `chunks` for the day. */
const reviewChunkSchema = z
  .object({
    runId: idSchema,
    date: businessDateSchema,
    jurisdiction: jurisdictionSchema,
    chunk: chunkIndex,
    chunks: z.number().check(z.int(), z.positive()),
    mineIds,
  })
  .check(z.refine((m) => m.chunk < m.chunks, { message: 'chunk must be below chunks', path: ['chunk'] }));

// Chunks of 25 mines; a batch of 4 chunks keeps one invocation well inside its timeout.
export const powerReviewQueue = defineQueue({
  name: 'power-review',
  module: 'power-review',
  needs: { table: { access: 'read-write', indexes: ['GSI1'] } },
  schema: reviewChunkSchema,
  batchSize: 4,
  maxReceiveCount: 5,
  visibilityTimeoutSeconds: 360,
  // A finding that opens a case tells the jurisdiction's leaders.
  sendsTo: [notificationsQueue.name],
});
export type ReviewChunkMessage = Message<typeof powerReviewQueue>;

/** One chunk of the nightly credit classification: mines of one jurisdiction, classified as of `date`. */
const creditChunkSchema = z.object({
  runId: idSchema,
  date: businessDateSchema,
  /** The mines' bucket of the credit index (GSI4): their records are one query. */
  bucket: z.string().check(z.regex(/^[0-9a-f]{2}$/)),
  mineIds,
});

// Chunks of up to 50 mines of one bucket, one query on the credit index's copy by bucket.
export const creditClassificationQueue = defineQueue({
  name: 'credit-classification',
  module: 'credit-classification',
  needs: { table: { access: 'read-write', indexes: ['GSI1', 'GSI3', 'GSI4'] } },
  schema: creditChunkSchema,
  batchSize: 4,
  maxReceiveCount: 5,
  visibilityTimeoutSeconds: 300,
  // A changed tier notifies the mine and its official.
  sendsTo: [notificationsQueue.name],
});
export type CreditChunkMessage = Message<typeof creditClassificationQueue>;

const nonEmpty = z.string().check(z.minLength(1));

/** A row of the grid company's file whose format the API checked; the consumer finds its mine. */
const importRowSchema = z
  .object({
    row: z.number().check(z.int(), z.positive()),
    creditCode: z.optional(nonEmpty),
    meterId: z.optional(nonEmpty),
    date: businessDateSchema,
    kwh: z.number().check(z.nonnegative()),
    quarterHours: z.optional(z.array(z.number().check(z.nonnegative())).check(z.length(96))),
  })
  .check(
    z.refine((r) => r.creditCode !== undefined || r.meterId !== undefined, {
      message: 'a row names its mine by creditCode or meterId',
      path: ['meterId'],
    }),
  );

/**
 * One mine-day of a monitoring feed from the networked supervision platform's file (people underground, or the gas
 * summary), grouped from its rows by the API; the consumer checks the value again with the feed's own schema.
 */
const feedDayRowSchema = z.object({
  rows: z.array(z.number().check(z.int(), z.positive())).check(z.minLength(1)),
  creditCode: nonEmpty,
  date: businessDateSchema,
  value: z.record(z.string(), z.unknown()),
});

/**
 * One chunk of a bulk import, stored as the importer (whose jurisdiction bounds the mines it may reach): the grid
 * company's power rows (`kind` power or absent, `rows`), or mine-days of a monitoring feed (`kind` personnel or gas,
 * `feeds`). One queue, one consumer, one way to count a chunk once.
 */
const importChunkSchema = z
  .object({
    importId: idSchema,
    jurisdiction: jurisdictionSchema,
    actor: z.object({ sub: nonEmpty, role: nonEmpty, name: z.optional(z.string()) }),
    chunk: chunkIndex,
    kind: z.optional(z.enum(['power', 'personnel', 'gas'])),
    rows: z.optional(z.array(importRowSchema).check(z.minLength(1))),
    feeds: z.optional(z.array(feedDayRowSchema).check(z.minLength(1))),
  })
  .check(
    z.refine((m) => ((m.kind ?? 'power') === 'power' ? m.rows !== undefined : m.feeds !== undefined), {
      message: 'a power chunk carries rows, a feed chunk carries feeds',
      path: ['rows'],
    }),
  );

// Chunks of up to 1,000 rows of a bulk import, one at a time per invocation.
export const powerImportQueue = defineQueue({
  name: 'power-import',
  module: 'power-import',
  needs: { table: { access: 'read-write', indexes: ['GSI1'] } },
  schema: importChunkSchema,
  batchSize: 1,
  maxReceiveCount: 5,
  visibilityTimeoutSeconds: 360,
  // A grid value that changes a reviewed day reviews it again, and a finding of that review may open a case.
  sendsTo: [notificationsQueue.name],
});
export type ImportChunkMessage = Message<typeof powerImportQueue>;

/**
 * A mine moved to another jurisdiction: its records follow it. `from` is the jurisdiction it left (its blacklist
 * entries are found on that list); `cursor` is where a continuation starts in the mine's partition.
 */
const mineMoveSchema = z.object({
  mineId: idSchema,
  from: jurisdictionSchema,
  cursor: z.optional(z.string().check(z.minLength(1), z.maxLength(2048))),
});

// One mine per message, ten pages of its partition per invocation; the rest goes on in a message of its own.
export const mineMoveQueue = defineQueue({
  name: 'mine-move',
  module: 'mine-move',
  needs: { table: { access: 'read-write', indexes: ['GSI1'] } },
  schema: mineMoveSchema,
  batchSize: 1,
  maxReceiveCount: 5,
  visibilityTimeoutSeconds: 360,
  sendsTo: ['mine-move'],
});
export type MineMoveMessage = Message<typeof mineMoveQueue>;

export const QUEUES: readonly QueueDefinition[] = [
  notificationsQueue,
  powerReviewQueue,
  creditClassificationQueue,
  powerImportQueue,
  mineMoveQueue,
];
