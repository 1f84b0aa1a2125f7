// Document numbers on DynamoDB Local: concurrent issues get 1..N exactly (no gap, no duplicate), a write that fails
// takes no number, and each bureau, year and kind counts on its own.
import { beforeAll, describe, expect, it } from 'vitest';
import { type DocumentScope, issueNumbered, lastDocumentNo } from '#lib/documents/numbers.ts';
import { ConflictError } from '#lib/errors.ts';
import type { Db } from '#lib/store/db.ts';
import { queryAll } from '#lib/store/query.ts';
import { putNew, transact } from '#lib/store/transact.ts';
import { testDb } from '../../support/test-db.ts';

let db: Db;
beforeAll(async () => {
  db = await testDb();
});

const DS = 'hlj/hegang/dongshan';
const scope = (s: Partial<DocumentScope> = {}): DocumentScope => ({
  kind: 'onsite_decision',
  jurisdiction: DS,
  year: 2026,
  ...s,
});

/** Issues a stand-in document: its own item under DOC#<tag>, with the counter's write in the same transaction. */
const issue = (s: DocumentScope, tag: string, docId = `${tag}-${Math.random()}`) =>
  issueNumbered(db, s, async (no, counter) => {
    await transact(db, [
      putNew(db, { PK: `DOC#${tag}`, SK: docId, n: no.n, text: no.text }, new ConflictError(`文书 ${docId} 已存在`)),
      counter,
    ]);
    return no;
  });
const documents = (tag: string) => queryAll<{ n: number; text: string }>(db, { partition: `DOC#${tag}` });

describe('numbers', () => {
  it('20 issues at once get 1..20 exactly, each written with its document', async () => {
    const s = scope();
    const issued = await Promise.all(Array.from({ length: 20 }, () => issue(s, 'race')));
    const ns = issued.map((no) => no.n).sort((a, b) => a - b);
    expect(ns).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect((await documents('race')).map((d) => d.n).sort((a, b) => a - b)).toEqual(ns);
    expect(new Set(issued.map((no) => no.text)).size).toBe(20);
    expect(issued.find((no) => no.n === 7)?.text).toBe('东山煤安现决〔2026〕7号');
    expect(await lastDocumentNo(db, s)).toBe(20);
  }, 60_000);

  it('a write that fails takes no number: the next document gets the one it would have had', async () => {
    const s = scope({ kind: 'inspection_record' });
    expect((await issue(s, 'fail', 'one')).n).toBe(1);
    await expect(issue(s, 'fail', 'one')).rejects.toThrow('文书 one 已存在');
    expect(await lastDocumentNo(db, s)).toBe(1);
    expect((await issue(s, 'fail', 'two')).n).toBe(2);
    await expect(
      issueNumbered(db, s, async () => {
        throw new Error('refused before writing');
      }),
    ).rejects.toThrow('refused before writing');
    expect((await issue(s, 'fail', 'three')).n).toBe(3);
    expect((await documents('fail')).map((d) => d.n).sort()).toEqual([1, 2, 3]);
  });

  it('each bureau, year and kind counts on its own', async () => {
    const base = scope({ kind: 'penalty_decision', year: 2030 });
    expect((await issue(base, 'own')).text).toBe('东山煤安罚〔2030〕1号');
    expect((await issue(base, 'own')).n).toBe(2);
    expect((await issue({ ...base, year: 2031 }, 'own')).text).toBe('东山煤安罚〔2031〕1号');
    expect((await issue({ ...base, kind: 'inspection_record' }, 'own')).text).toBe('东山煤安检〔2030〕1号');
    expect((await issue({ ...base, jurisdiction: 'hlj/hegang' }, 'own')).text).toBe('鹤岗煤安罚〔2030〕1号');
    expect(await lastDocumentNo(db, base)).toBe(2);
  });
});
