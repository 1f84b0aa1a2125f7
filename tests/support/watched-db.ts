import type { Db } from '#lib/store/db.ts';

/** A command as a watcher sees it: its input (IndexName, ExpressionAttributeValues, …). */
export type WatchedCommand = { readonly input: Record<string, any> };

/** What a watcher is told of each request: as it is sent, its answer, and when it is settled (answered or failed). */
export interface Watch {
  sent?(command: WatchedCommand): void;
  answered?(command: WatchedCommand, output: Record<string, any>): void;
  settled?(command: WatchedCommand): void;
}

/**
 * The same table and clock through a client whose every request the watcher sees: what a read asked DynamoDB for,
 * what came back, how many were in flight at once. Everything else of the client (its middleware) is the real one.
 */
export function watchedDb(db: Db, watch: Watch): Db {
  const send = db.doc.send.bind(db.doc) as (command: unknown) => Promise<Record<string, any>>;
  const doc = Object.create(db.doc, {
    send: {
      value: async (command: WatchedCommand) => {
        watch.sent?.(command);
        try {
          const output = await send(command);
          watch.answered?.(command, output);
          return output;
        } finally {
          watch.settled?.(command);
        }
      },
    },
  });
  return { ...db, doc };
}
