import type { NamedPerson } from '#lib/registry/responsible-persons.ts';
import type { Actor } from '#lib/store/audit.ts';
import { ACCIDENT_KIND, datedKeys } from '#lib/store/dated-records.ts';
import { ACCIDENT_LEVEL_LABELS, ACCIDENT_LEVELS, type AccidentLevel } from './vocabulary.ts';

/**
 * A production safety accident (生产安全事故) at a mine, by the four levels of 《生产安全事故报告和调查处理条例》
 * (国务院令第493号, art. 3). Whether it was concealed (瞒报) or misreported (谎报) is kept with it: both are grounds
 * of the serious-dishonesty list, as are a 特别重大 or 重大 accident and two 较大 ones within twelve months.
 *
 * Keys (see violations/dated-record.ts): PK MINE#<mineId>, SK ACCIDENT#<date>#<id>; GSI1 ACCIDENTS#<province> /
 * <path>/#<date>#<id>; pointer ACCIDENTID#<id> / ACCIDENT.
 */
export const accidentKeys = datedKeys(ACCIDENT_KIND);

export { ACCIDENT_LEVEL_LABELS, ACCIDENT_LEVELS, type AccidentLevel } from './vocabulary.ts';

/**
 * The lowest level the casualties alone make an accident (条例 art. 3: 3/10/30 deaths, 10/50/100 serious injuries).
 * Direct economic loss can only raise it, so a recorded level below this one is wrong.
 */
export function minimumLevel(deaths: number, injuries: number): AccidentLevel {
  if (deaths >= 30 || injuries >= 100) return 'especially_major';
  if (deaths >= 10 || injuries >= 50) return 'major';
  if (deaths >= 3 || injuries >= 10) return 'larger';
  return 'general';
}

export const levelAtLeast = (level: AccidentLevel, floor: AccidentLevel): boolean =>
  ACCIDENT_LEVELS.indexOf(level) >= ACCIDENT_LEVELS.indexOf(floor);

/** Why a level is below what the casualties require, or undefined when it is consistent. */
export function levelProblem(r: { level: AccidentLevel; deaths: number; injuries: number }): string | undefined {
  const floor = minimumLevel(r.deaths, r.injuries);
  return levelAtLeast(r.level, floor)
    ? undefined
    : `死亡 ${r.deaths} 人、重伤 ${r.injuries} 人的事故至少为${ACCIDENT_LEVEL_LABELS[floor]}`;
}

export interface AccidentRecord {
  readonly accidentId: string;
  readonly mineId: string;
  readonly mineName?: string;
  readonly jurisdiction: string;
  /** Business date the accident happened. */
  readonly date: string;
  readonly level: AccidentLevel;
  readonly deaths: number;
  /** Serious injuries (重伤), including acute industrial poisoning. */
  readonly injuries: number;
  readonly description: string;
  /** 瞒报: not reported. */
  readonly concealed: boolean;
  /** 谎报: reported falsely. */
  readonly misreported: boolean;
  /** The responsible key persons named (copied from the mine's file when named). */
  readonly responsiblePersons?: readonly NamedPerson[];
  readonly recordedBy: Actor;
  readonly recordedAt: string;
  readonly version: number;
  readonly updatedAt: string;
  readonly updatedBy?: Actor;
}
