import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Db } from '#lib/store/db.ts';

/** A Db whose client only records what it is sent and answers `{}`: for the guards in front of the real one. */
export function recordingDb(): { db: Db; sent: unknown[] } {
  const sent: unknown[] = [];
  const doc = {
    send: async (command: unknown) => {
      sent.push(command);
      return {};
    },
  } as unknown as DynamoDBDocumentClient;
  return { db: { doc, tableName: 't', now: () => new Date(), newId: (p) => `${p}-1` }, sent };
}
