import type { Actor } from '#lib/store/audit.ts';
import { datedKeys, INTERVIEW_KIND } from '#lib/store/dated-records.ts';

/**
 * An interview (约谈): the bureau summons a mine's people (its 关键少数, a deputy head, the safety chief…) to account
 * for a matter and says what must follow. It is a supervisory measure, not an administrative penalty (行政处罚): it
 * is not decided, executed or left unexecuted, and it does not move the mine's credit. Penalties of the retired kind
 * `interview` stored before stay readable on the penalty routes; new interviews are recorded here.
 *
 * Keys (see store/dated-records.ts): PK MINE#<mineId>, SK INTERVIEW#<date>#<id>; GSI1 INTERVIEWS#<province> /
 * <path>/#<date>#<id>; pointer INTERVIEWID#<id> / INTERVIEW. Recorded once, never corrected or deleted.
 */
export const interviewKeys = datedKeys(INTERVIEW_KIND);

/** One of the mine's people summoned (约谈对象). */
export interface SummonedPerson {
  readonly name: string;
  /** 职务: 董事长, 矿长, 安全副矿长, … */
  readonly position: string;
}

/** A bureau user who held the interview, by the user directory's id and name. */
export interface InterviewHost {
  readonly userId: string;
  readonly name: string;
}

/** What the mine must do after the interview, and by when. */
export interface InterviewFollowUp {
  readonly requirements: string;
  readonly dueOn?: string;
}

export interface InterviewRecord {
  readonly interviewId: string;
  readonly mineId: string;
  readonly mineName?: string;
  readonly jurisdiction: string;
  /** Business day the interview was held. */
  readonly date: string;
  readonly summoned: readonly SummonedPerson[];
  readonly heldBy: readonly InterviewHost[];
  /** 约谈事由. */
  readonly subject: string;
  /** What was said (约谈记录). */
  readonly content?: string;
  readonly followUp?: InterviewFollowUp;
  readonly recordedBy: Actor;
  readonly recordedAt: string;
  readonly version: number;
  readonly updatedAt: string;
}
