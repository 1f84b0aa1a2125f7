import type { Principal } from '#lib/auth/principal.ts';
import { ConflictError } from '#lib/errors.ts';
import type { Db } from '#lib/store/db.ts';
import { pk, sk } from '#lib/store/keys.ts';
import { getItem } from '#lib/store/query.ts';
import type { Write } from '#lib/store/transact.ts';
import { todayInShanghai } from '#lib/validators/business-date.ts';
import { type DocumentKind, formatDocumentNo } from './vocabulary.ts';

/**
 * Document numbers (文号), per bureau, per year, per kind, without gaps or duplicates. The counter is one item
 * (PK COUNTER#DOCNO#<jurisdiction>#<kind>#<year>, SK COUNT, no TTL: a number is never given twice) holding the last
 * number issued. The write that issues a document carries the counter's update in its own transaction, conditioned
 * on the value read: two issues racing for the same number cannot both commit (the loser reads again and takes the
 * next), and a transaction that fails for any other reason leaves the counter where it was, so no number is lost.
 */

export interface DocumentNo {
  readonly kind: DocumentKind;
  /** The issuing bureau's jurisdiction. */
  readonly jurisdiction: string;
  readonly year: number;
  readonly n: number;
  /** The number as printed: 东山煤安检〔2026〕1号. */
  readonly text: string;
}

export interface DocumentScope {
  readonly kind: DocumentKind;
  readonly jurisdiction: string;
  readonly year: number;
}

export const documentCounterKey = (s: DocumentScope) => ({
  PK: pk.counter(`DOCNO#${s.jurisdiction}#${s.kind}#${s.year}`),
  SK: sk.count,
});

/** The year a document issued now is numbered in: the Asia/Shanghai calendar year. */
export const documentYear = (now: Date): number => Number(todayInShanghai(now).slice(0, 4));

/** The counter's condition failed: another document of the scope took the number meanwhile. */
export class NumberTaken extends ConflictError {}

/** The last number issued in a scope (0 before the first). */
export async function lastDocumentNo(db: Db, scope: DocumentScope): Promise<number> {
  return (await getItem<{ last?: number }>(db, documentCounterKey(scope)))?.last ?? 0;
}

/** The counter's write taking number `n` (the one after `last`): commits only if the counter still holds `last`. */
function takeWrite(db: Db, scope: DocumentScope, last: number, at: string): Write {
  return {
    item: {
      Update: {
        TableName: db.tableName,
        Key: documentCounterKey(scope),
        UpdateExpression: 'SET #last = :next, #entity = :entity, #updatedAt = :at',
        ConditionExpression: last === 0 ? 'attribute_not_exists(#last)' : '#last = :last',
        ExpressionAttributeNames: { '#last': 'last', '#entity': 'entity', '#updatedAt': 'updatedAt' },
        ExpressionAttributeValues: {
          ':next': last + 1,
          ':entity': 'documentCounter',
          ':at': at,
          ...(last === 0 ? {} : { ':last': last }),
        },
      },
    },
    onConditionFailed: new NumberTaken('文书编号已被同时签发的文书占用'),
  };
}

const MAX_ATTEMPTS = 40;
/** How lib/store/transact.ts words DynamoDB's TransactionConflict (another transaction on the same item in flight). */
const TRANSACTION_CONFLICT = 'Another change to the same record was in progress';

/**
 * Issues a document: reads the scope's counter, hands the next number and the counter's write to `commit`, which
 * must put that write in the transaction that writes the document. When the counter moved meanwhile (another
 * document took the number) or DynamoDB reports a conflicting transaction on it, the whole commit is tried again
 * with the number read afresh; any other failure (a stale version of the document's record, a rule) is the
 * caller's and leaves the counter untouched.
 */
export async function issueNumbered<T>(
  db: Db,
  scope: DocumentScope,
  commit: (no: DocumentNo, counterWrite: Write) => Promise<T>,
): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    const last = await lastDocumentNo(db, scope);
    const n = last + 1;
    const no: DocumentNo = { ...scope, n, text: formatDocumentNo(scope.kind, scope.jurisdiction, scope.year, n) };
    const counter = takeWrite(db, scope, last, db.now().toISOString());
    try {
      return await commit(no, counter);
    } catch (error) {
      const contended =
        error === counter.onConditionFailed ||
        (error instanceof ConflictError && error.message.startsWith(TRANSACTION_CONFLICT));
      if (!contended || attempt >= MAX_ATTEMPTS - 1) throw error;
      await new Promise((r) => setTimeout(r, Math.min(200, 5 * 2 ** Math.min(attempt, 5)) * Math.random() + 2));
    }
  }
}

/** The bureau that issues: the caller's jurisdiction (a bureau user), else the record's own. */
export const issuingBureau = (principal: Principal, fallback: string): string =>
  principal.kind === 'bureau' ? principal.jurisdiction : fallback;
