import type { CaseItem } from '#lib/cases/case-item.ts';
import { CASE_SPAN_PREFIX, type CaseSpan, caseSpanOf } from '#lib/cases/case-spans.ts';
import { type Finding, opensCase, type RuleId } from '#lib/findings/vocabulary.ts';
import type { Db } from '#lib/store/db.ts';
import { isConditionFailure, updateItem } from '#lib/store/item.ts';
import { pk, sk } from '#lib/store/keys.ts';
import { queryAll } from '#lib/store/query.ts';
import { addDays } from '#lib/validators/business-date.ts';

/**
 * The mine's review flags (PK MINE#<id>, SK POWERFLAGS): what the review of a day may not learn from, read in the
 * same batch as the profiles so the nightly review pays no request for it. One attribute per flagged day
 * (`day:<date>` = the rules of its high and critical findings) and one per case (`case:<caseId>`, its span, written
 * by lib/cases with the case). Every writer sets or removes only its own attribute with an UpdateItem, so the nightly
 * run, a re-run of another day and a case decision at the same moment cannot undo each other (a whole-item put in
 * the reviews' batch could).
 *
 * `flagsFrom` says from which day on the item knows every flag: each review since has written its own day. Where a
 * review's history window starts earlier (the first review of a mine after the item was introduced, or a day reviewed
 * again from long ago) the flags are read from the stored reviews themselves (one query; on the first review also
 * the mine's cases) and copied to the item, so it is read from the item the next time. Flags are kept for good (a
 * few dozen bytes a flagged day), so a day reviewed again long after still finds the flags it was first reviewed with.
 */
export interface ReviewFlags {
  /** The item knows every flagged day from this day on; undefined: it knows none for sure. */
  readonly from?: string;
  readonly flagged: ReadonlyMap<string, readonly RuleId[]>;
  /** Spans by case id. */
  readonly spans: ReadonlyMap<string, CaseSpan>;
}

const DAY_PREFIX = 'day:';
const dayAttribute = (date: string): string => `${DAY_PREFIX}${date}`;
/** Attributes a copy writes per request: well inside the 4 KB an update expression may have. */
const COPY_CHUNK = 40;

export const reviewFlagsKey = (mineId: string) => ({ PK: pk.mine(mineId), SK: sk.powerFlags });

/** The item as read (any object; absent when the mine has none yet). */
export function parseReviewFlags(item: object | undefined): ReviewFlags {
  const flagged = new Map<string, RuleId[]>();
  const spans = new Map<string, CaseSpan>();
  for (const [name, value] of Object.entries(item ?? {})) {
    if (name.startsWith(DAY_PREFIX)) flagged.set(name.slice(DAY_PREFIX.length), value as RuleId[]);
    else if (name.startsWith(CASE_SPAN_PREFIX)) spans.set(name.slice(CASE_SPAN_PREFIX.length), value as CaseSpan);
  }
  const from = (item as { flagsFrom?: unknown } | undefined)?.flagsFrom;
  return { ...(typeof from === 'string' ? { from } : {}), flagged, spans };
}

/** A day's flag: the rules of its high and critical findings, sorted and once each (empty: not flagged). */
export const flagOf = (findings: readonly Finding[]): RuleId[] =>
  [...new Set(findings.filter((f) => opensCase(f.severity)).map((f) => f.rule))].sort();

const sameFlag = (a: readonly string[] | undefined, b: readonly string[]): boolean =>
  (a ?? []).length === b.length && b.every((rule, i) => a![i] === rule);

/**
 * The flags a review whose history window starts on `historyStart` needs: the item's, when it knows every flag from
 * that day on; else completed from the stored reviews (and, the first time, the mine's cases), then copied to the
 * item.
 */
export async function flagsForReview(
  db: Db,
  mineId: string,
  historyStart: string,
  item: ReviewFlags,
): Promise<ReviewFlags> {
  if (item.from !== undefined && item.from <= historyStart) return item;
  const first = item.from === undefined;
  const [reviews, cases] = await Promise.all([
    queryAll<{ date: string; findings: readonly Finding[] }>(db, {
      partition: pk.mine(mineId),
      between: [sk.review(historyStart), first ? sk.reviewsTo : sk.review(addDays(item.from!, -1))],
    }),
    first
      ? queryAll<CaseItem>(db, { partition: pk.mine(mineId), beginsWith: sk.casePrefix })
      : Promise.resolve([] as CaseItem[]),
  ]);
  // What the item holds wins: it was written with a later review or decision than anything read here could be.
  const readFlags = new Map<string, RuleId[]>();
  for (const r of reviews) {
    const rules = flagOf(r.findings);
    if (rules.length > 0 && !item.flagged.has(r.date)) readFlags.set(r.date, rules);
  }
  const readSpans = new Map<string, CaseSpan>();
  for (const c of cases) if (!item.spans.has(c.caseId)) readSpans.set(c.caseId, caseSpanOf(c));
  await copyToItem(db, mineId, historyStart, readFlags, readSpans);
  return {
    from: historyStart,
    flagged: new Map([...item.flagged, ...readFlags]),
    spans: new Map([...item.spans, ...readSpans]),
  };
}

/**
 * Copies flags and spans read from the stored records to the item, each only where the item has none (a writer's
 * own value is newer), then lowers `flagsFrom` to `from` unless another copy already went further back.
 */
async function copyToItem(
  db: Db,
  mineId: string,
  from: string,
  flags: ReadonlyMap<string, readonly RuleId[]>,
  spans: ReadonlyMap<string, CaseSpan>,
): Promise<void> {
  const attributes: [string, unknown][] = [
    ...[...flags].map(([date, rules]) => [dayAttribute(date), rules] as [string, unknown]),
    ...[...spans].map(([caseId, span]) => [`${CASE_SPAN_PREFIX}${caseId}`, span] as [string, unknown]),
  ];
  for (let i = 0; ; i += COPY_CHUNK) {
    const chunk = attributes.slice(i, i + COPY_CHUNK);
    const last = i + COPY_CHUNK >= attributes.length;
    const names: Record<string, string> = { '#entity': 'entity' };
    const values: Record<string, unknown> = { ':entity': 'powerFlags' };
    const sets = ['#entity = :entity'];
    chunk.forEach(([name, value], k) => {
      names[`#a${k}`] = name;
      values[`:a${k}`] = value;
      sets.push(`#a${k} = if_not_exists(#a${k}, :a${k})`);
    });
    if (last) {
      names['#from'] = 'flagsFrom';
      values[':from'] = from;
      sets.push('#from = :from');
    }
    try {
      await updateItem(db, reviewFlagsKey(mineId), `SET ${sets.join(', ')}`, {
        ...(last ? { condition: 'attribute_not_exists(#from) OR #from > :from' } : {}),
        names,
        values,
      });
    } catch (error) {
      // Another review copied from further back meanwhile: the item already knows more than this copy.
      if (!isConditionFailure(error)) throw error;
    }
    if (last) return;
  }
}

/**
 * Records a reviewed day's flag on the item when it differs from what the item holds: set when the day's review has
 * high or critical findings, removed when a review of the day again no longer has any. Written before the review
 * itself, so a review is never stored without its flag (a failure retries both).
 */
export async function writeDayFlag(db: Db, mineId: string, date: string, flags: ReviewFlags, rules: RuleId[]) {
  if (sameFlag(flags.flagged.get(date), rules)) return false;
  const names = { '#entity': 'entity', '#day': dayAttribute(date) };
  await updateItem(
    db,
    reviewFlagsKey(mineId),
    rules.length > 0 ? 'SET #entity = :entity, #day = :rules' : 'SET #entity = :entity REMOVE #day',
    { names, values: rules.length > 0 ? { ':entity': 'powerFlags', ':rules': rules } : { ':entity': 'powerFlags' } },
  );
  return true;
}
