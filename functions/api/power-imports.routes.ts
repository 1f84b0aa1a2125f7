import * as z from 'zod/mini';
import '#lib/schemas/zod.ts';
import { defineRoute } from '#lib/http/route-spec.ts';
import { MAX_IMPORT_ROWS } from '#lib/power/imports/parse-rows.ts';
import { notificationsQueue, powerImportQueue } from '#lib/queue/queues.ts';
import { describe, idSchema, pageQuery } from '#lib/schemas/primitives.ts';
import { actorSchema } from '#lib/schemas/records.ts';
import type { FunctionNeeds } from '#lib/store/access-needs.ts';

const tag = 'power';
/** Bulk files come from the bureau's side: its staff upload what the grid company sends. */
const IMPORTERS = ['bureau_admin', 'inspector'] as const;

const IMPORT_KINDS = ['power', 'personnel', 'gas'] as const;

const importSchema = z.object({
  importId: z.string(),
  kind: describe(z.enum(IMPORT_KINDS), {
    description: 'power: the grid company’s daily file; personnel, gas: the networked supervision platform’s.',
  }),
  jurisdiction: z.string(),
  format: z.enum(['csv', 'json']),
  totalRows: z.number(),
  chunks: z.number(),
  chunksDone: describe(z.number(), { description: 'Chunks processed so far; done when it reaches chunks.' }),
  accepted: z.number(),
  rejected: z.number(),
  status: z.enum(['processing', 'done']),
  createdAt: z.string(),
  createdBy: actorSchema,
});

export const powerImportRoutes = [
  defineRoute({
    operationId: 'createPowerImport',
    method: 'POST',
    path: '/v1/power-imports',
    roles: IMPORTERS,
    tag,
    summary: '导入电网公司日电量文件或监管联网平台监测数据文件 (CSV or JSON; 202 with an import id)',
    description:
      'kind=power (default), the grid company’s file. CSV: a header line naming creditCode and/or meterId (the grid account number), date, kwh, and optionally quarterHours (96 values separated by ;). ' +
      'JSON: {"rows": [{creditCode?, meterId?, date, kwh, quarterHours?}]}. ' +
      'kind=personnel, the platform’s people underground: columns creditCode, date, night, morning, afternoon, peak (one row per mine and day). ' +
      'kind=gas, the platform’s safety monitoring: columns creditCode, date, kind (event | outage | none), sensorId, location, peakPercent, startedAt (HH:MM), minutes, powerCut (true | false), hoursOffline; one row per gas over-limit event or sensor outage, a mine-day’s rows forming its day; a mine-day with no row is not recorded, one row of kind none records a day with no event and no outage. ' +
      'The platform’s values are in force over a mine’s own report, which is kept as its declaration. ' +
      'Up to 100,000 rows. Rows are checked one by one: good rows are stored, bad rows reported by row number at GET /v1/power-imports/{importId}.',
    query: z.strictObject({ kind: z.optional(z.enum(IMPORT_KINDS)) }),
    body: z.object({ rows: z.array(z.unknown()).check(z.minLength(1), z.maxLength(MAX_IMPORT_ROWS)) }),
    rawBodyTypes: ['text/csv'],
    status: 202,
    response: importSchema,
    idempotent: true,
  }),
  defineRoute({
    operationId: 'getPowerImport',
    method: 'GET',
    path: '/v1/power-imports/{importId}',
    roles: IMPORTERS,
    tag,
    summary: '导入结果：接收与拒收条数，逐行拒收原因 (counts and each rejected row)',
    params: z.object({ importId: idSchema }),
    query: pageQuery,
    response: z.extend(importSchema, {
      rejectedRows: z.array(z.object({ row: z.number(), field: z.string(), reason: z.string() })),
      nextCursor: z.nullable(z.string()),
    }),
  }),
] as const;

/** What this module's function may do in AWS (tests/unit/store/access-needs.test.ts checks it against the code). */
export const powerImportsNeeds: FunctionNeeds = {
  table: { access: 'read-write', indexes: ['GSI1'] },
  sendsTo: [notificationsQueue.name, powerImportQueue.name],
};
