import { randomBytes } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/**
 * Everything a repository needs to reach the table: the document client, the table name, a clock and an id
 * source. Tests build their own; handlers share one built from the environment (once per cold start).
 */
export interface Db {
  readonly doc: DynamoDBDocumentClient;
  readonly tableName: string;
  now(): Date;
  newId(prefix: string): string;
}

const ID_ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';

/** Time-ordered, URL-safe ids: `<prefix>-<10 chars of time><8 random>`; sorting by id sorts by creation. */
export function timeOrderedId(prefix: string, now: Date = new Date()): string {
  let t = now.getTime();
  let time = '';
  for (let i = 0; i < 10; i++) {
    time = ID_ALPHABET[t % 32] + time;
    t = Math.floor(t / 32);
  }
  const random = Array.from(randomBytes(8), (b) => ID_ALPHABET[b % 32]).join('');
  return `${prefix}-${time}${random}`;
}

export function createDocumentClient(endpoint?: string): DynamoDBDocumentClient {
  const client = new DynamoDBClient(
    endpoint
      ? {
          endpoint,
          region: process.env.AWS_REGION ?? 'local',
          credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
        }
      : {},
  );
  return DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
}

export function createDb(options: { doc: DynamoDBDocumentClient; tableName: string; now?: () => Date }): Db {
  const now = options.now ?? (() => new Date());
  return { doc: options.doc, tableName: options.tableName, now, newId: (prefix) => timeOrderedId(prefix, now()) };
}

let shared: Db | undefined;

/** The handlers' Db: TABLE_NAME, and DYNAMODB_ENDPOINT when running against DynamoDB Local. */
export function dbFromEnv(): Db {
  if (!shared) {
    const tableName = process.env.TABLE_NAME;
    if (!tableName) throw new Error('TABLE_NAME is not set');
    shared = createDb({ doc: createDocumentClient(process.env.DYNAMODB_ENDPOINT), tableName });
  }
  return shared;
}
