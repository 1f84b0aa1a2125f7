/**
 * The monitoring feeds beside electricity, plain data: what a mine's personnel location system (人员位置监测) and its
 * safety monitoring system (安全监控) report for one day and where a day's report came from (the shifts and the
 * approved headcount are the mine's registry data: lib/registry/vocabulary.ts). The review reads them as second and
 * third witnesses of what the electricity says. The dashboard bundles this module, so it imports only plain data.
 */
import type { Shift } from '#lib/registry/vocabulary.ts';

export const FEED_KINDS = ['personnel', 'gas'] as const;
export type FeedKind = (typeof FEED_KINDS)[number];
export const FEED_LABELS: Record<FeedKind, string> = { personnel: '人员位置监测', gas: '安全监控' };

/**
 * Where a day's feed came from: the mine's own system over the API (`mine`), or the bulk file of the networked
 * supervision platform (监管联网平台) that a bureau imports (`platform`). The platform's copy is the independent
 * one: a mine's report never replaces it, and is kept beside it as the mine's declaration.
 */
export const FEED_SOURCES = ['mine', 'platform'] as const;
export type FeedSource = (typeof FEED_SOURCES)[number];

/** Who put a day's feed in the store, and how. */
export interface FeedProvenance {
  readonly source: FeedSource;
  /** The token subject (user id) or the job that wrote it. */
  readonly byId: string;
  /** As a person reads it (a user's name, `批量导入`). */
  readonly by: string;
  /** ISO instant it was recorded. */
  readonly at: string;
  /** The bulk import it came from, for `platform`. */
  readonly importId?: string;
}

/** People underground in one day: the most at any moment of each shift, and of the whole day. */
export interface PersonnelDay {
  readonly shifts: Readonly<Record<Shift, number>>;
  /** The day's peak; at least each shift's. */
  readonly peak: number;
}

/** One gas over-limit alarm of a methane sensor (瓦斯超限). */
export interface GasEvent {
  readonly sensorId: string;
  /** Where the sensor hangs, as the mine names it (e.g. `1201 回风巷`). */
  readonly location: string;
  /** Peak CH4 concentration, % by volume. */
  readonly peakPercent: number;
  /** Local time the alarm began, HH:MM. */
  readonly startedAt: string;
  /** How long the concentration stayed over the limit. */
  readonly minutes: number;
  /** Whether the system cut power to the area (断电), as the regulations require above the limit. */
  readonly powerCut: boolean;
}

/** A sensor that sent nothing for part of the day (传感器断线/故障). */
export interface SensorOutage {
  readonly sensorId: string;
  readonly location: string;
  readonly hoursOffline: number;
}

/** What the safety monitoring system reports for one day: its gas alarms and its sensors' outages. */
export interface GasDay {
  readonly events: readonly GasEvent[];
  readonly outages: readonly SensorOutage[];
}
