import * as z from 'zod/mini';
import '#lib/schemas/zod.ts';
import {
  businessDateSchema,
  creditCodeSchema,
  deleteQuery,
  describe,
  emailSchema,
  idSchema,
  jurisdictionSchema,
  mobileSchema,
  pageQuery,
  residentIdSchema,
  text,
  versionSchema,
} from '#lib/schemas/primitives.ts';
import { actorSchema } from '#lib/schemas/records.ts';
import {
  CIRCUITS,
  GAS_GRADES,
  HYDROGEOLOGY,
  LICENCE_STATES,
  LICENCE_TYPES,
  MINE_STATUSES,
  PERIODIC_DUTIES,
  PERSON_ROLES,
  REGISTER_CHANGES,
  REGISTER_KINDS,
  REGISTER_REQUEST_STATUSES,
  STANDARDISATION_GRADES,
} from './vocabulary.ts';

/** Request and response shapes of the mine registry (一矿一档); the OpenAPI document is generated from these. */
const reasonSchema = text(500);

export const mineStatusSchema = z.enum(MINE_STATUSES);

const mineFields = {
  name: describe(text(100), { examples: ['泰源煤矿'] }),
  enterpriseName: z.optional(text(200)),
  creditCode: creditCodeSchema,
  jurisdiction: jurisdictionSchema,
  address: z.optional(text(300)),
  approvedCapacityTonnesPerYear: describe(z.number().check(z.int(), z.positive(), z.maximum(50_000_000)), {
    description: '核定生产能力, t/year',
  }),
  gasGrade: z.enum(GAS_GRADES),
  hydrogeology: z.enum(HYDROGEOLOGY),
  standardisationGrade: z.enum(STANDARDISATION_GRADES),
};

export const createMineBody = z.strictObject({
  mineId: describe(z.optional(idSchema), { description: 'Chosen id; generated when omitted.' }),
  ...mineFields,
  status: z._default(mineStatusSchema, 'producing'),
  statusEffectiveDate: z.optional(businessDateSchema),
});

export const patchMineBody = z
  .extend(z.partial(z.strictObject(mineFields)), { version: versionSchema })
  .check(z.refine((b) => Object.keys(b).length > 1, { message: '除 version 外至少要修改一个字段' }));

export const listMinesQuery = z.extend(pageQuery, {
  status: z.optional(mineStatusSchema),
  jurisdiction: z.optional(jurisdictionSchema),
});

export const statusChangeBody = z.strictObject({
  status: mineStatusSchema,
  reason: reasonSchema,
  effectiveDate: businessDateSchema,
  documentNo: describe(z.optional(text(100)), { description: '文号 of the decision behind the change, if any' }),
});

export const contactSchema = z.strictObject({ name: text(50), mobile: mobileSchema, email: z.optional(emailSchema) });
export const contactsBody = z.strictObject({
  version: versionSchema,
  safetyManager: z.optional(contactSchema),
  dispatchRoom: z.optional(z.strictObject({ phone: z.string().check(z.regex(/^[0-9-]{7,20}$/, '电话号码')) })),
  notifyEmails: z.optional(z.array(emailSchema).check(z.maxLength(10))),
});

export const assignedOfficialBody = z.strictObject({
  version: versionSchema,
  userId: text(100),
  name: text(50),
  mobile: z.optional(mobileSchema),
  email: z.optional(emailSchema),
});

const replaceVersion = describe(z.optional(versionSchema), {
  description: 'Required when replacing an existing record.',
});

export const licenceTypeSchema = z.enum(LICENCE_TYPES);
const licenceStateEntrySchema = z.object({
  state: z.enum(LICENCE_STATES),
  from: z.string(),
  number: z.string(),
  penaltyId: z.string(),
  decisionNo: z.optional(z.string()),
});
export const licenceParams = z.object({ mineId: idSchema, type: licenceTypeSchema });
export const licenceBody = z
  .strictObject({
    version: replaceVersion,
    number: text(100),
    issuedOn: describe(businessDateSchema, { description: 'The day it was issued; not in the future.' }),
    expiresOn: businessDateSchema,
    issuer: z.optional(text(100)),
  })
  .check(z.refine((b) => b.expiresOn > b.issuedOn, { message: '到期日须晚于发证日', path: ['expiresOn'] }));

export const periodicDutySchemaName = z.enum(PERIODIC_DUTIES);
export const periodicDutyParams = z.object({ mineId: idSchema, duty: periodicDutySchemaName });
export const periodicDutyBody = z.strictObject({
  version: replaceVersion,
  lastDoneOn: describe(businessDateSchema, {
    description: 'The day the appraisal or drill was last done; not in the future.',
  }),
  resultGrade: describe(z.optional(z.enum(GAS_GRADES)), {
    description:
      'The gas grade the appraisal found (gas_grade_appraisal only): low every 2 years, high or outburst yearly.',
  }),
  reference: z.optional(text(100)),
  note: z.optional(text(500)),
});

export const personBody = z.strictObject({
  role: z.enum(PERSON_ROLES),
  name: text(50),
  residentId: residentIdSchema,
  mobile: z.optional(mobileSchema),
});
export const personParams = z.object({ mineId: idSchema, personId: idSchema });

/* The register (equipment and meters): versioned, each version in force from its effective date. */
const effectiveFromField = describe(z.optional(businessDateSchema), {
  description:
    'The day the change takes effect (default today). A mine or an inspector asks for a day not before today; a bureau ' +
    'admin may date a change back, never before the record’s latest version.',
});
const changeReason = describe(z.optional(text(500)), { description: 'Why the register changes (kept in the audit).' });

export const equipmentFields = {
  name: text(100),
  ratedKw: z.number().check(z.positive(), z.maximum(100_000)),
  circuit: z.enum(CIRCUITS),
  mustRunWhenStopped: describe(z.boolean(), {
    description: 'Keeps running when the mine is stopped (ventilation, drainage, monitoring).',
  }),
  meterId: z.optional(idSchema),
};
export const equipmentParams = z.object({ mineId: idSchema, equipmentId: idSchema });
export const equipmentBody = z.strictObject({
  version: replaceVersion,
  ...equipmentFields,
  effectiveFrom: effectiveFromField,
  reason: changeReason,
});

const gridAccountNoSchema = describe(text(50), {
  description:
    'The grid company account the bulk file names; one meter at a time across the platform. Bound by bureau users ' +
    'only: a mine user who sends another value than the meter’s own gets 403.',
});
export const meterFields = {
  name: text(100),
  serialNo: z.optional(text(50)),
  gridAccountNo: z.optional(gridAccountNoSchema),
  multiplier: describe(z._default(z.number().check(z.positive(), z.maximum(100_000)), 1), {
    description: 'CT/PT ratio applied to readings.',
  }),
  circuit: z.optional(z.enum(CIRCUITS)),
};
export const meterParams = z.object({ mineId: idSchema, meterId: idSchema });
export const meterBody = z.strictObject({
  version: replaceVersion,
  ...meterFields,
  effectiveFrom: effectiveFromField,
  reason: changeReason,
});

export const registerDeleteQuery = z.extend(deleteQuery, {
  effectiveFrom: effectiveFromField,
  reason: z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(500))),
});
export const asOfQuery = z.strictObject({
  asOf: describe(z.optional(businessDateSchema), {
    description: 'The register as it stood (or will stand) on this day; default today.',
  }),
});

export const registerRequestParams = z.object({
  mineId: idSchema,
  requestId: z.string().check(z.minLength(1), z.maxLength(100)),
});
export const listRegisterRequestsQuery = z.extend(pageQuery, {
  status: z.optional(z.enum(REGISTER_REQUEST_STATUSES)),
});
export const pendingRegisterRequestsQuery = z.extend(pageQuery, {
  jurisdiction: z.optional(jurisdictionSchema),
  mineId: z.optional(idSchema),
});
export const approveRegisterRequestBody = z.strictObject({
  version: versionSchema,
  effectiveFrom: describe(z.optional(businessDateSchema), {
    description: 'Keep the day asked for (default) or set a later one; never an earlier one.',
  }),
  note: z.optional(text(500)),
});
export const rejectRegisterRequestBody = z.strictObject({
  version: versionSchema,
  reason: describe(text(500), { description: 'Why the change is refused; the mine reads it.' }),
});

export const removePersonQuery = z.extend(deleteQuery, { reason: z.optional(z.string().check(z.maxLength(500))) });

/* Responses */
export const stamp = { version: z.number(), createdAt: z.string(), updatedAt: z.string() };
/** The records kept under a mine (licences, duties, persons, equipment, meters) name it. */
export const ofMine = { mineId: z.string() };
export const warningSchema = z.object({ field: z.string(), code: z.string(), message: z.string() });
export const mineSchema = z.object({
  mineId: z.string(),
  ...mineFields,
  creditCode: z.string(),
  status: mineStatusSchema,
  statusLabel: z.string(),
  statusSince: z.string(),
  statusTimeline: describe(z.array(z.object({ status: mineStatusSchema, from: z.string() })), {
    description: 'The statuses in force over time, oldest first: each from its first business day.',
  }),
  creditCodeCheckValid: z.boolean(),
  licences: describe(
    z.optional(
      z.partialRecord(
        licenceTypeSchema,
        z.object({
          number: z.string(),
          issuedOn: z.string(),
          expiresOn: z.string(),
          states: z.optional(z.array(licenceStateEntrySchema)),
        }),
      ),
    ),
    { description: "A copy of each licence's validity, kept with the licence for the nightly review." },
  ),
  assignedOfficial: z.optional(
    z.object({ userId: z.string(), name: z.string(), mobile: z.optional(z.string()), email: z.optional(z.string()) }),
  ),
  contacts: z.optional(
    z.object({
      safetyManager: z.optional(z.object({ name: z.string(), mobile: z.string(), email: z.optional(z.string()) })),
      dispatchRoom: z.optional(z.object({ phone: z.string() })),
      notifyEmails: z.optional(z.array(z.string())),
    }),
  ),
  ...stamp,
  warnings: z.optional(z.array(warningSchema)),
});
export const statusEntrySchema = z.object({
  status: mineStatusSchema,
  previousStatus: z.nullable(mineStatusSchema),
  effectiveDate: z.string(),
  reason: z.string(),
  documentNo: z.optional(z.string()),
  applied: z.boolean(),
  recordedAt: z.string(),
  recordedBy: actorSchema,
});
/** An entry of the status history, as listed. */
export const statusHistoryEntrySchema = z.extend(statusEntrySchema, { mineId: z.string(), statusLabel: z.string() });
export const licenceSchema = z.object({
  ...ofMine,
  type: licenceTypeSchema,
  label: z.string(),
  number: z.string(),
  issuedOn: z.string(),
  expiresOn: z.string(),
  issuer: z.optional(z.string()),
  daysToExpiry: z.number(),
  state: describe(z.enum(['valid', 'expiring', 'expired', ...LICENCE_STATES]), {
    description: 'Today: valid up to and including expiresOn; suspended or revoked from an approved licence action on.',
  }),
  states: describe(z.optional(z.array(licenceStateEntrySchema)), {
    description: 'The state history: each approved 暂扣 or 吊销, from its date, naming the licence number it acted on.',
  }),
  ...stamp,
});
export const periodicDutySchema = z.object({
  ...ofMine,
  duty: periodicDutySchemaName,
  label: z.string(),
  lastDoneOn: z.string(),
  resultGrade: z.optional(z.enum(GAS_GRADES)),
  resultGradeLabel: z.optional(z.string()),
  reference: z.optional(z.string()),
  note: z.optional(z.string()),
  intervalMonths: z.number(),
  nextDueOn: z.string(),
  daysToDue: z.number(),
  state: z.enum(['done', 'due_soon', 'overdue']),
  ...stamp,
});
export const personSchema = z.object({
  ...ofMine,
  personId: z.string(),
  role: z.enum(PERSON_ROLES),
  roleLabel: z.string(),
  name: z.string(),
  residentIdMasked: z.string(),
  mobile: z.optional(z.string()),
  ...stamp,
});
const inForceFrom = {
  effectiveFrom: describe(z.string(), { description: 'The day the version shown took effect.' }),
};
export const equipmentSchema = z.object({
  ...ofMine,
  equipmentId: z.string(),
  ...equipmentFields,
  ...inForceFrom,
  ...stamp,
});
export const meterSchema = z.object({ ...ofMine, meterId: z.string(), ...meterFields, ...inForceFrom, ...stamp });

export const registerRequestSchema = z.object({
  ...ofMine,
  requestId: z.string(),
  mineName: z.string(),
  jurisdiction: z.string(),
  kind: z.enum(REGISTER_KINDS),
  kindLabel: z.string(),
  itemId: z.string(),
  change: z.enum(REGISTER_CHANGES),
  changeLabel: z.string(),
  fields: describe(z.optional(z.union([z.object(equipmentFields), z.object(meterFields)])), {
    description: 'The record as it would be (a put); absent for a removal.',
  }),
  baseVersion: describe(z.nullable(z.number()), {
    description: 'The record’s version the change was asked against; null for a new record.',
  }),
  effectiveFrom: describe(z.string(), { description: 'The day asked for (or, once approved, the day set).' }),
  reason: z.optional(z.string()),
  status: z.enum(REGISTER_REQUEST_STATUSES),
  statusLabel: z.string(),
  requestedBy: actorSchema,
  requestedAt: z.string(),
  decidedBy: z.optional(actorSchema),
  decidedAt: z.optional(z.string()),
  decisionNote: z.optional(z.string()),
  version: z.number(),
  updatedAt: z.string(),
});

export const jurisdictionNameBody = z.strictObject({
  version: describe(z.number().check(z.int(), z.minimum(0)), {
    description: 'The version read from GET /v1/jurisdiction (0 when unnamed).',
  }),
  name: describe(text(30), { description: 'This level alone: 黑龙江省, 鹤岗市, 东山区.' }),
  bureauName: z.optional(text(60)),
});
export const jurisdictionViewSchema = z.object({
  path: z.string(),
  levels: z.array(z.object({ path: z.string(), name: z.nullable(z.string()) })),
  fullName: z.nullable(z.string()),
  name: z.nullable(z.string()),
  bureauName: z.nullable(z.string()),
  version: z.number(),
});

/* Responsible key persons (关键少数) a violation, an accident or a penalty names: key persons of the record's mine. */
export const responsiblePersonsField = describe(z.optional(z.array(idSchema).check(z.maxLength(10))), {
  description:
    'personIds of key persons of the record’s mine (GET /v1/mines/{mineId}/persons), at most 10. A person who is not ' +
    'a key person of that mine (nor already named on the record) → 422 naming the entry.',
});
export const namedPersonSchema = z.object({
  personId: z.string(),
  name: z.string(),
  role: z.enum(PERSON_ROLES),
  roleLabel: z.string(),
  residentIdMasked: z.string(),
});
