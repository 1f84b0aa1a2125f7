import { api } from '../../api.ts';
import { lastDays } from '../../charts/dates.ts';
import type { MineReviewDay, ReadingSeries } from '../../charts/power-api.ts';
import type { HeadcountVersion, MonitorDay } from '../../charts/witness-data.ts';
import type { Certificate, Credit, Equipment, Licence, ListOf, MineRecord, PeriodicDuty, Person } from '../../types.ts';
import { errorTitle } from './use-load.ts';

/** One part of the file: its answer, or the Chinese title of the problem that kept it away. */
export type Part<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly title: string };

export interface MineFile {
  readonly record: MineRecord;
  readonly licences: Part<readonly Licence[]>;
  readonly duties: Part<readonly PeriodicDuty[]>;
  readonly persons: Part<readonly Person[]>;
  readonly certificates: Part<readonly Certificate[]>;
  readonly equipment: Part<readonly Equipment[]>;
  readonly credit: Part<Credit>;
  readonly power: Part<PowerData>;
}

/** The mine's days: electricity, its reviews, and the two monitoring feeds with the approved headcount beside them. */
export interface PowerData {
  readonly series: ReadingSeries;
  readonly reviews: readonly MineReviewDay[];
  /** The monitoring feeds' days; null when they could not be read (the electricity is shown all the same). */
  readonly monitoring: readonly MonitorDay[] | null;
  readonly headcount: readonly HeadcountVersion[];
}

/** Days on the daily chart. */
export const CHART_DAYS = 90;

const part = async <T>(request: Promise<T>): Promise<Part<T>> => {
  try {
    return { ok: true, value: await request };
  } catch (error) {
    return { ok: false, title: errorTitle(error) };
  }
};

/**
 * Everything of a mine's file, requested side by side. The mine's record decides: when it fails (a mine out of the
 * user's reach answers 404) the whole file fails and shows nothing of the mine; another part failing only leaves
 * its own section empty with the reason.
 */
export async function loadMineFile(mineId: string, now = new Date()): Promise<MineFile> {
  const base = `/v1/mines/${encodeURIComponent(mineId)}`;
  const days = lastDays(now, CHART_DAYS);
  const list = <T>(path: string) => api.get<ListOf<T>>(`${base}/${path}`).then((r) => r.items);
  const [record, licences, duties, persons, certificates, equipment, credit, power] = await Promise.all([
    api.get<MineRecord>(`${base}/record`),
    part(list<Licence>('licences')),
    part(list<PeriodicDuty>('periodic-duties')),
    part(list<Person>('persons')),
    part(list<Certificate>('certificates')),
    part(list<Equipment>('equipment')),
    part(api.get<Credit>(`${base}/credit`)),
    part(
      Promise.all([
        api.get<ReadingSeries>(`${base}/power-readings`, days),
        // The markers' reasons; without them the chart still marks the days from the series' own verdicts.
        api.get<ListOf<MineReviewDay>>(`${base}/power-reviews`, days).then(
          (r) => r.items,
          () => [],
        ),
        // The other two witnesses; without them the electricity still shows, with a note that they are missing.
        api.get<ListOf<MonitorDay>>(`${base}/monitoring`, days).then(
          (r) => r.items,
          () => null,
        ),
        api.get<{ versions: HeadcountVersion[] }>(`${base}/headcount-limits`).then(
          (r) => r.versions,
          () => [],
        ),
      ]).then(([series, reviews, monitoring, headcount]) => ({ series, reviews, monitoring, headcount })),
    ),
  ]);
  return { record, licences, duties, persons, certificates, equipment, credit, power };
}
