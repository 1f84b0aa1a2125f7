import type { NotificationInput, Recipient } from './notification.ts';

/**
 * What a capability declares of each kind of item it puts on the due-date index (GSI2 `DUE#<path>` /
 * `<date>#<indexKind>#<mineId>#<ref>`): which reminder rule an item follows, and what its reminder says at a stage and to
 * whom. Each capability declares its kinds next to its own code; the morning scan (lib/reminders) assembles them
 * into its registry and loops over it, so an item on the index is reminded by the rule its capability gave it. A
 * kind on the index for a job rather than for people (a status change taking effect, a held SMS) is declared too,
 * with why it is not reminded of: a project test holds every kind written to the index to the registry.
 */

/** When a dated item is reminded of: days ahead, on the day, daily while overdue, and when the leaders are told. */
export interface ReminderRule {
  /** Days before the due date on which to remind, e.g. [90, 30, 7]. */
  readonly leadDays: readonly number[];
  readonly onTheDay: boolean;
  /** Remind every day after the due date while the item is still open. */
  readonly dailyOverdue: boolean;
  /** From this many days overdue the jurisdiction's leaders are told too; 0 never. */
  readonly escalateAfterDays: number;
}

export interface Stage {
  /** `T-30`, `T0`, `overdue-4`: with the item, what makes a reminder the same one twice. */
  readonly stage: string;
  /** Days from today to the due date (negative when overdue). */
  readonly daysLeft: number;
  readonly escalate: boolean;
}

/** An item on the due-date index, as a kind reads it: the attributes it declares it reads (`A`), and its sort key. */
export type DueItem<A extends string = string> = Readonly<Partial<Record<A, unknown>>> & { readonly GSI2SK: string };

/** What the scan hands a declaration: the item's mine, its stage, and the people a reminder is usually sent to. */
export interface ReminderContext<R extends string = string> {
  /** The rule the item follows (one of its kind's rules). */
  readonly rule: R;
  /** The mine's name ('' for an item of no mine). */
  readonly name: string;
  readonly mineId: string | undefined;
  /** The mine's status today (undefined for an item of no mine). */
  readonly mineStatus: string | undefined;
  /** The due date. */
  readonly due: string;
  readonly stage: Stage;
  /** The mine's users (none for an item of no mine). */
  readonly theMine: readonly Recipient[];
  /** The mine's assigned official (包保责任人), when it has one. */
  readonly official: readonly Recipient[];
  /** The leaders of the item's jurisdiction. */
  readonly leaders: readonly Recipient[];
  /** The leaders once the stage escalates, else none. */
  readonly escalation: readonly Recipient[];
}

/** A reminder as a declaration writes it; the scan adds its kind, key, mine, jurisdiction and severity. */
export type ReminderText = Pick<NotificationInput, 'title' | 'body' | 'sms' | 'recipients' | 'ref'>;

export interface RemindedKind<R extends string = string, A extends string = string> {
  /** The kind its index entries name (the first part of GSI2SK). */
  readonly indexKind: string;
  /** Its rules in the reminder policy (`GET/PUT /v1/policies/reminders`), each with the product default. */
  readonly rules: Readonly<Record<R, ReminderRule>>;
  /**
   * The item's attributes its rule and reminder read, and no other (the compiler holds them to it): the list of
   * deadlines asks the index for these only, not the whole records.
   */
  readonly reads: readonly A[];
  /** Which rule an item follows; null for an item not reminded of. */
  ruleOf(item: DueItem<A>): R | null;
  /** Its reminder at a stage: what it says (Chinese) and to whom; null for none. */
  reminder(item: DueItem<A>, at: ReminderContext<R>): ReminderText | null;
}

/** A kind on the index for a job, not for people. */
export interface UnremindedKind {
  readonly indexKind: string;
  /** Why no one is reminded of it (the job that reads it). */
  readonly notReminded: string;
}

export type DatedKind<R extends string = string> = RemindedKind<R> | UnremindedKind;

/**
 * A reminded kind, its rule names kept as literals (so the policy's rules are typed by name). Its rule and reminder
 * are handed only the attributes it declares it reads, whoever calls them: the morning scan (whole records) and the
 * list of deadlines (those attributes only) word the same reminder, and a reminder that reached past its `reads`
 * (through a cast the compiler lets by) reads nothing there in every test of it, not only in the list's.
 */
export const remindedKind = <const R extends string, const A extends string = never>(
  d: RemindedKind<R, A>,
): RemindedKind<R, A> => {
  const declared = (item: DueItem<A>): DueItem<A> => {
    const all = item as Readonly<Record<string, unknown>>;
    const out: Record<string, unknown> = {};
    for (const name of ['GSI2SK', ...d.reads]) {
      const value = all[name];
      if (value !== undefined) out[name] = value;
    }
    return out as DueItem<A>;
  };
  return { ...d, ruleOf: (item) => d.ruleOf(declared(item)), reminder: (item, at) => d.reminder(declared(item), at) };
};

/** `还有 3 天（2026-06-13）`, `今天（…）到期`, `已逾期 2 天（… 到期）`: the due date as a reminder names it. */
export const dueWhen = (s: Stage, due: string): string =>
  s.daysLeft > 0
    ? `还有 ${s.daysLeft} 天（${due}）`
    : s.daysLeft === 0
      ? `今天（${due}）到期`
      : `已逾期 ${-s.daysLeft} 天（${due} 到期）`;
