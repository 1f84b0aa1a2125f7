/**
 * zod schemas for the identifiers and dates the API accepts, so every route validates them the same way and the
 * OpenAPI document describes them once. Normalizing steps (trim, upper case) are zod "overwrite" checks, which keep
 * the schemas representable in JSON Schema; a failed credit-code check character is not an error (real codes fail
 * it), callers report it as a warning with `checkCreditCode`.
 */
import * as z from 'zod/mini';
import './zod.ts';
import { isBusinessDate } from '#lib/validators/business-date.ts';
import { checkCreditCode } from '#lib/validators/credit-code.ts';
import { isMobile, normalizeMobile } from '#lib/validators/mobile.ts';
import { checkResidentId } from '#lib/validators/resident-id.ts';

/**
 * Describes a schema in the OpenAPI document (zod/mini keeps metadata in the global registry). It describes a copy:
 * a shared schema (a business date) described for one field must not take that description everywhere.
 */
export const describe = <T extends z.ZodMiniType>(
  schema: T,
  meta: { description?: string; examples?: unknown[]; format?: string },
): T => {
  const copy = schema.clone() as T;
  z.globalRegistry.add(copy, meta);
  return copy;
};

/** Unified social credit code, normalized (trimmed, upper case); refuses codes that are not well-formed. */
export const creditCodeSchema = describe(
  z.string().check(
    z.trim(),
    z.toUpperCase(),
    z.superRefine((value, ctx) => {
      const r = checkCreditCode(value);
      if (!r.wellFormed) ctx.addIssue({ code: 'custom', message: `不是统一社会信用代码：${r.problem}` });
    }),
  ),
  {
    description: 'Unified social credit code (GB 32100-2015), 18 characters; normalized to upper case.',
    examples: ['91350100M000100Y43'],
  },
);

const residentIdProblemZh = (problem: string): string => {
  if (problem.startsWith('expected 18')) return '长度须为 18 位';
  if (problem.startsWith('invalid character')) return '前 17 位须为数字';
  if (problem.startsWith('invalid check character')) return '校验位须为数字或 X';
  if (problem.startsWith('birth')) return '出生日期无效';
  return '校验位不符';
};

/** Resident ID number, normalized (trimmed, X upper case); refuses invalid numbers. */
export const residentIdSchema = describe(
  z.string().check(
    z.trim(),
    z.toUpperCase(),
    z.superRefine((value, ctx) => {
      const r = checkResidentId(value);
      // The message never repeats digits of the number (a birth date is digits 7–14, the part a mask hides).
      if (!r.valid)
        ctx.addIssue({ code: 'custom', message: `不是有效的居民身份证号码：${residentIdProblemZh(r.problem ?? '')}` });
    }),
  ),
  { description: 'Resident identity card number (GB 11643), 18 characters.', examples: ['11010519491231002X'] },
);

/** Mainland China mobile number, normalized to 11 digits. */
export const mobileSchema = describe(
  z
    .string()
    .check(z.overwrite(normalizeMobile), z.refine(isMobile, { message: '不是有效的手机号码（11 位，以 13–19 开头）' })),
  { description: 'Mainland China mobile number, 11 digits.', examples: ['13800000000'] },
);

/** Business date: `YYYY-MM-DD`, a real Asia/Shanghai calendar day. */
export const businessDateSchema = describe(
  z.string().check(z.refine(isBusinessDate, { message: '日期须为真实日历日，格式 YYYY-MM-DD' })),
  {
    description: 'Calendar day in Asia/Shanghai, YYYY-MM-DD.',
    format: 'date',
    examples: ['2025-03-01'],
  },
);

/** The shapes every route shares: ids, jurisdictions, text, versions, paging and lists, the audit event. */
export const idSchema = z
  .string()
  .check(z.regex(/^[a-z0-9][a-z0-9-]{1,63}$/, '只能包含小写字母、数字和连字符，2–64 个字符'));
export const jurisdictionSchema = describe(
  z.string().check(z.regex(/^[a-z][a-z0-9-]*(\/[a-z][a-z0-9-]*)*$/, '辖区路径形如 hlj/hegang/dongshan')),
  {
    examples: ['hlj/hegang/dongshan'],
  },
);
export const text = (max: number) => z.string().check(z.trim(), z.minLength(1), z.maxLength(max));
export const emailSchema = z.email().check(z.maxLength(254));
export const versionSchema = describe(z.number().check(z.int(), z.minimum(1)), {
  description: 'The version you read; a stale one gets 409.',
});
const pageLimit = z.optional(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(200)));
export const mineIdParams = z.object({ mineId: idSchema });
export const pageQuery = z.strictObject({ cursor: z.optional(z.string()), limit: pageLimit });
export const deleteQuery = z.strictObject({ version: z.coerce.number().check(z.int(), z.minimum(1)) });
export const auditEventSchema = z.object({
  eventId: z.string(),
  at: z.string(),
  mineId: describe(z.optional(z.string()), { description: 'Absent for bureau-wide changes (policies).' }),
  jurisdiction: z.string(),
  actor: z.object({ sub: z.string(), role: z.string(), name: z.optional(z.string()) }),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string(),
  before: z.nullable(z.record(z.string(), z.unknown())),
  after: z.nullable(z.record(z.string(), z.unknown())),
  reason: z.optional(z.string()),
});
export const pageOf = <T extends z.ZodMiniType>(item: T) =>
  z.object({ items: z.array(item), nextCursor: z.nullable(z.string()) });
export const listOf = <T extends z.ZodMiniType>(item: T) => z.object({ items: z.array(item) });
