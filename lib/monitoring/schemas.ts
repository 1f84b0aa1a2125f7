import * as z from 'zod/mini';
import '#lib/schemas/zod.ts';
import { SHIFTS } from '#lib/registry/vocabulary.ts';
import { businessDateSchema, describe, idSchema } from '#lib/schemas/primitives.ts';
import { FEED_SOURCES } from './vocabulary.ts';

/**
 * The two monitoring feeds as the API takes them (a mine's own system, one day per call) and gives them back (a
 * range of days, each with what is in force, where it came from, the mine's declaration beside a platform value, and
 * the history of the mine's changes).
 */
export const MAX_HEADCOUNT = 5000;
export const MAX_GAS_ENTRIES = 500;

const headcount = z.number().check(z.int(), z.minimum(0), z.maximum(MAX_HEADCOUNT));
const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;
/** A number with at most two decimals (a concentration as the monitoring system prints it). */
const twoDecimals = (v: number) => Math.abs(Math.round(v * 100) - v * 100) < 1e-6;
const sensorId = z.string().check(z.trim(), z.minLength(1), z.maxLength(64));
const location = z.string().check(z.trim(), z.minLength(1), z.maxLength(100));

export const personnelDaySchema = z
  .strictObject({
    shifts: z.strictObject({ night: headcount, morning: headcount, afternoon: headcount }),
    peak: describe(headcount, {
      description: 'The most people underground at any moment of the day; at least each shift’s.',
    }),
  })
  .check(
    z.superRefine((d, ctx) => {
      for (const s of SHIFTS)
        if (d.peak < d.shifts[s])
          ctx.issues.push({
            code: 'custom',
            message: `全天峰值 ${d.peak} 小于该班人数 ${d.shifts[s]}`,
            path: ['peak'],
            input: d,
          });
    }),
  );

export const gasEventSchema = z.strictObject({
  sensorId,
  location,
  peakPercent: z
    .number()
    .check(z.minimum(0), z.maximum(100), z.refine(twoDecimals, { message: '浓度最多保留两位小数' })),
  startedAt: describe(z.string().check(z.regex(HHMM, '开始时间须为 HH:MM')), { description: 'Local time, HH:MM.' }),
  minutes: z.number().check(z.int(), z.minimum(1), z.maximum(1440)),
  powerCut: z.boolean(),
});

export const sensorOutageSchema = z.strictObject({
  sensorId,
  location,
  hoursOffline: z.number().check(z.minimum(0), z.maximum(24)),
});

export const gasDaySchema = z.strictObject({
  events: z.array(gasEventSchema).check(z.maxLength(MAX_GAS_ENTRIES)),
  outages: z.array(sensorOutageSchema).check(z.maxLength(MAX_GAS_ENTRIES)),
});

export const feedParams = z.object({ mineId: idSchema, date: businessDateSchema });
export const feedRangeQuery = z.strictObject({
  from: z.optional(businessDateSchema),
  to: z.optional(businessDateSchema),
});

const provenanceSchema = z.object({
  source: z.enum(FEED_SOURCES),
  byId: z.string(),
  by: z.string(),
  at: z.string(),
  importId: z.optional(z.string()),
});
const declarationFields = { byId: z.string(), by: z.string(), at: z.string() };
const revisionFields = {
  /** The value in force (or declared) before the change, and who/when it came from. */
  previousBy: z.string(),
  previousAt: z.string(),
  by: z.string(),
  byId: z.string(),
  at: z.string(),
  afterReview: z.boolean(),
  declaration: z.optional(z.boolean()),
};

const stored = <T extends z.ZodMiniObject>(day: T) => z.extend(day, { provenance: provenanceSchema });
const declared = <T extends z.ZodMiniObject>(day: T) => z.extend(day, declarationFields);
const revision = <T extends z.ZodMiniType>(day: T) => z.object({ previous: day, ...revisionFields });

const personnelShape = z.object({
  shifts: z.object({ night: z.number(), morning: z.number(), afternoon: z.number() }),
  peak: z.number(),
});
const gasShape = z.object({
  events: z.array(
    z.object({
      sensorId: z.string(),
      location: z.string(),
      peakPercent: z.number(),
      startedAt: z.string(),
      minutes: z.number(),
      powerCut: z.boolean(),
    }),
  ),
  outages: z.array(z.object({ sensorId: z.string(), location: z.string(), hoursOffline: z.number() })),
});

export const monitorDaySchema = z.object({
  mineId: z.string(),
  date: z.string(),
  personnel: z.optional(stored(personnelShape)),
  personnelDeclared: z.optional(declared(personnelShape)),
  personnelRevisions: z.optional(z.array(revision(personnelShape))),
  gas: z.optional(stored(gasShape)),
  gasDeclared: z.optional(declared(gasShape)),
  gasRevisions: z.optional(z.array(revision(gasShape))),
});

export const feedPutResponse = z.object({
  kind: z.enum(['created', 'unchanged', 'revised', 'declared', 'superseded']),
  message: z.optional(z.string()),
  day: monitorDaySchema,
});

export const monitorRangeSchema = z.object({ from: z.string(), to: z.string(), items: z.array(monitorDaySchema) });
