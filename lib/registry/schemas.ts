import { z } from 'zod';
import { businessDateSchema, creditCodeSchema, mobileSchema, residentIdSchema } from '../validators/schemas.ts';
import { CIRCUITS, GAS_GRADES, HYDROGEOLOGY, LICENCE_TYPES, MINE_STATUSES, PERSON_ROLES, STANDARDISATION_GRADES } from './vocabulary.ts';

/** Request and response shapes of the mine registry (一矿一档); the OpenAPI document is generated from these. */
export const idSchema = z.string().regex(/^[a-z0-9][a-z0-9-]{1,63}$/, 'lower-case letters, digits and hyphens, 2–64 characters');
export const jurisdictionSchema = z
  .string()
  .regex(/^[a-z][a-z0-9-]*(\/[a-z][a-z0-9-]*)*$/, 'a path such as hlj/hegang/dongshan')
  .meta({ examples: ['hlj/hegang/dongshan'] });
const text = (max: number) => z.string().trim().min(1).max(max);
const emailSchema = z.email().max(254);
const versionSchema = z.number().int().min(1).meta({ description: 'The version you read; a stale one gets 409.' });
const reasonSchema = text(500);

export const mineStatusSchema = z.enum(MINE_STATUSES);
export const mineIdParams = z.object({ mineId: idSchema });

const mineFields = {
  name: text(100).meta({ examples: ['泰源煤矿'] }),
  enterpriseName: text(200).optional(),
  creditCode: creditCodeSchema,
  jurisdiction: jurisdictionSchema,
  address: text(300).optional(),
  approvedCapacityTonnesPerYear: z.number().int().positive().max(50_000_000).meta({ description: '核定生产能力, t/year' }),
  gasGrade: z.enum(GAS_GRADES),
  hydrogeology: z.enum(HYDROGEOLOGY),
  standardisationGrade: z.enum(STANDARDISATION_GRADES),
};

export const createMineBody = z.strictObject({
  mineId: idSchema.optional().meta({ description: 'Chosen id; generated when omitted.' }),
  ...mineFields,
  status: mineStatusSchema.default('producing'),
  statusEffectiveDate: businessDateSchema.optional(),
});

export const patchMineBody = z
  .strictObject(mineFields)
  .partial()
  .extend({ version: versionSchema })
  .refine((b) => Object.keys(b).length > 1, { message: 'name at least one field to change besides version' });

export const listMinesQuery = z.strictObject({
  status: mineStatusSchema.optional(),
  jurisdiction: jurisdictionSchema.optional(),
  cursor: z.string().optional(),
  limit: z.coerce.number().int().min(1).max(200).optional(),
});

export const statusChangeBody = z.strictObject({
  status: mineStatusSchema,
  reason: reasonSchema,
  effectiveDate: businessDateSchema,
  documentNo: text(100).optional().meta({ description: '文号 of the decision behind the change, if any' }),
});

export const contactSchema = z.strictObject({ name: text(50), mobile: mobileSchema, email: emailSchema.optional() });
export const contactsBody = z.strictObject({
  version: versionSchema,
  safetyManager: contactSchema.optional(),
  dispatchRoom: z.strictObject({ phone: z.string().regex(/^[0-9-]{7,20}$/, 'a phone number') }).optional(),
  notifyEmails: z.array(emailSchema).max(10).optional(),
});

export const assignedOfficialBody = z.strictObject({
  version: versionSchema,
  userId: text(100),
  name: text(50),
  mobile: mobileSchema.optional(),
  email: emailSchema.optional(),
});

export const licenceTypeSchema = z.enum(LICENCE_TYPES);
export const licenceParams = z.object({ mineId: idSchema, type: licenceTypeSchema });
export const licenceBody = z
  .strictObject({
    version: versionSchema.optional().meta({ description: 'Required when replacing an existing licence.' }),
    number: text(100),
    issuedOn: businessDateSchema,
    expiresOn: businessDateSchema,
    issuer: text(100).optional(),
  })
  .refine((b) => b.expiresOn > b.issuedOn, { message: 'expiresOn must be after issuedOn', path: ['expiresOn'] });

export const personBody = z.strictObject({
  role: z.enum(PERSON_ROLES),
  name: text(50),
  residentId: residentIdSchema,
  mobile: mobileSchema.optional(),
});
export const personParams = z.object({ mineId: idSchema, personId: idSchema });

export const equipmentParams = z.object({ mineId: idSchema, equipmentId: idSchema });
export const equipmentBody = z.strictObject({
  version: versionSchema.optional().meta({ description: 'Required when replacing existing equipment.' }),
  name: text(100),
  ratedKw: z.number().positive().max(100_000),
  circuit: z.enum(CIRCUITS),
  mustRunWhenStopped: z.boolean().meta({ description: 'Keeps running when the mine is stopped (ventilation, drainage, monitoring).' }),
  meterId: idSchema.optional(),
});

export const meterParams = z.object({ mineId: idSchema, meterId: idSchema });
export const meterBody = z.strictObject({
  version: versionSchema.optional().meta({ description: 'Required when replacing an existing meter.' }),
  name: text(100),
  serialNo: text(50).optional(),
  gridAccountNo: text(50).optional().meta({ description: 'The grid company account the bulk file uses.' }),
  multiplier: z.number().positive().max(100_000).default(1).meta({ description: 'CT/PT ratio applied to readings.' }),
  circuit: z.enum(CIRCUITS).optional(),
});

export const deleteQuery = z.strictObject({ version: z.coerce.number().int().min(1) });
export const pageQuery = z.strictObject({ cursor: z.string().optional(), limit: z.coerce.number().int().min(1).max(200).optional() });

/* Responses */
const stamp = { version: z.number().int(), createdAt: z.string(), updatedAt: z.string() };
export const warningSchema = z.object({ field: z.string(), code: z.string(), message: z.string() });
export const mineSchema = z.object({
  mineId: z.string(),
  ...mineFields,
  creditCode: z.string(),
  status: mineStatusSchema,
  statusLabel: z.string(),
  statusSince: z.string(),
  creditCodeCheckValid: z.boolean(),
  assignedOfficial: z.object({ userId: z.string(), name: z.string(), mobile: z.string().optional(), email: z.string().optional() }).optional(),
  contacts: z.object({}).passthrough().optional(),
  ...stamp,
  warnings: z.array(warningSchema).optional(),
});
export const statusEntrySchema = z.object({
  status: mineStatusSchema,
  previousStatus: mineStatusSchema.nullable(),
  effectiveDate: z.string(),
  reason: z.string(),
  documentNo: z.string().optional(),
  applied: z.boolean(),
  recordedAt: z.string(),
  recordedBy: z.object({ sub: z.string(), role: z.string() }),
});
export const licenceSchema = z.object({
  type: licenceTypeSchema,
  label: z.string(),
  number: z.string(),
  issuedOn: z.string(),
  expiresOn: z.string(),
  issuer: z.string().optional(),
  daysToExpiry: z.number().int(),
  state: z.enum(['valid', 'expiring', 'expired']),
  ...stamp,
});
export const personSchema = z.object({
  personId: z.string(),
  role: z.enum(PERSON_ROLES),
  roleLabel: z.string(),
  name: z.string(),
  residentIdMasked: z.string(),
  mobile: z.string().optional(),
  ...stamp,
});
export const equipmentSchema = z.object({ equipmentId: z.string(), ...equipmentBody.omit({ version: true }).shape, ...stamp });
export const meterSchema = z.object({ meterId: z.string(), ...meterBody.omit({ version: true }).shape, ...stamp });
export const auditEventSchema = z.object({
  eventId: z.string(),
  at: z.string(),
  actor: z.object({ sub: z.string(), role: z.string(), name: z.string().optional() }),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string(),
  before: z.record(z.string(), z.unknown()).nullable(),
  after: z.record(z.string(), z.unknown()).nullable(),
  reason: z.string().optional(),
});
export const pageOf = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item), nextCursor: z.string().nullable() });
