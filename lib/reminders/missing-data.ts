import type { Verdict, Witness } from '#lib/findings/vocabulary.ts';
import type { MineStatus } from '#lib/registry/vocabulary.ts';

/**
 * What a mine did not report on a day, read from that day's review: its electricity (no reading, totalKwh null) and
 * its two monitoring feeds (the witness said no_data). Pure, so the morning scan's wording and escalation are tested
 * without a store.
 *
 * The feeds are expected from every mine that is not closed, from the first day, whether or not it has ever sent one:
 * the plan asks every mine to connect its personnel location and safety monitoring systems to the bureau (省、市、区
 * 三级联网), and a suspended mine keeps its monitoring running (DOMAIN.md: equipment that must run when stopped). A
 * mine never connected is the one to chase, so it is reminded like one that stopped sending. A closed mine has no
 * monitoring system running: not reminded of feeds (its electricity still is, as before). A review stored before the
 * feeds existed has no `witnesses`: nothing is said of its feeds, so it never counts as a missing feed.
 */
export interface ReviewedDay {
  readonly date: string;
  readonly totalKwh: number | null;
  readonly status?: MineStatus;
  readonly witnesses?: Readonly<Partial<Record<Witness, Verdict>>>;
}

/** The order the reminder names them in. */
export const GAPS: readonly Witness[] = ['electricity', 'personnel', 'gas'];

/** After this many days in a row of a missing report, the official and the leaders are told too. */
export const ESCALATE_AFTER_DAYS = 3;

const BODY_LABELS: Record<Witness, string> = {
  electricity: '日用电量',
  personnel: '人员位置监测数据',
  gas: '安全监控数据',
};
const SMS_LABELS: Record<Witness, string> = { electricity: '用电量', personnel: '人员定位', gas: '安全监控' };

/** What went unreported on the reviewed day. */
export function gapsOf(day: ReviewedDay): Witness[] {
  const monitored = day.status !== 'closed';
  return GAPS.filter((w) =>
    w === 'electricity' ? day.totalKwh === null : monitored && day.witnesses?.[w] === 'no_data',
  );
}

/**
 * How many days in a row, up to `lastDay`, each of the day's gaps has gone unreported, from the mine's recent
 * reviews (any order). A day without a review item does not break the run (as for readings before).
 */
export function runsOf(recent: readonly ReviewedDay[], lastDay: string): Map<Witness, number> {
  const newestFirst = recent.filter((r) => r.date <= lastDay).sort((a, b) => b.date.localeCompare(a.date));
  const last = newestFirst.find((r) => r.date === lastDay);
  const runs = new Map<Witness, number>();
  if (!last) return runs;
  for (const gap of gapsOf(last)) {
    let run = 0;
    for (const r of newestFirst) {
      if (!gapsOf(r).includes(gap)) break;
      run++;
    }
    runs.set(gap, run);
  }
  return runs;
}

export interface MissingDataText {
  readonly escalate: boolean;
  readonly title: string;
  readonly body: string;
  readonly sms: string;
}

/**
 * One reminder per mine and day naming everything it did not report, each with its run. The electricity alone keeps
 * the wording it always had; escalated when any of them has gone unreported `ESCALATE_AFTER_DAYS` days in a row.
 */
export function missingDataText(mineName: string, date: string, runs: ReadonlyMap<Witness, number>): MissingDataText {
  const gaps = GAPS.filter((g) => runs.has(g));
  const escalate = gaps.some((g) => runs.get(g)! >= ESCALATE_AFTER_DAYS);
  const times = (g: Witness, sms: boolean) => {
    const run = runs.get(g)!;
    if (run <= 1) return '';
    return sms ? `（连续${run}天）` : `（已连续 ${run} 天）`;
  };
  const toLeaders = escalate ? '；已报局领导' : '';
  if (gaps.length === 1 && gaps[0] === 'electricity') {
    return {
      escalate,
      title: `用电量未报送：${mineName}`,
      body: `${mineName}${date} 的日用电量未按时报送${times('electricity', false)}，请于今日 10:00 前补报${toLeaders}。`,
      sms: `${mineName}${date}用电量未报送${times('electricity', true)}，请10点前补报`,
    };
  }
  const listed =
    gaps.length === 1
      ? `${BODY_LABELS[gaps[0]!]}未按时报送${times(gaps[0]!, false)}`
      : `${gaps.map((g) => `${BODY_LABELS[g]}${times(g, false)}`).join('、')}未按时报送`;
  const feedsOnly = !gaps.includes('electricity');
  return {
    escalate,
    title: `${feedsOnly ? '监测数据' : '用电量及监测数据'}未报送：${mineName}`,
    body: `${mineName}${date} 的${listed}，请于今日 10:00 前补报，并检查监测系统联网上传${toLeaders}。`,
    sms: `${mineName}${date}${gaps.map((g) => `${SMS_LABELS[g]}${times(g, true)}`).join('、')}未报送，请10点前补报`,
  };
}
