/**
 * zod schemas for the identifiers and dates the API accepts, so every route validates them the same way and the
 * OpenAPI document describes them once. Normalizing steps (trim, upper case) are zod "overwrite" checks, which keep
 * the schemas representable in JSON Schema; a failed credit-code check character is not an error (real codes fail
 * it), callers report it as a warning with `checkCreditCode`.
 */
import * as z from 'zod/mini';
import '#lib/validation/zod.ts';
import { isBusinessDate } from './business-date.ts';
import { checkCreditCode } from './credit-code.ts';
import { isMobile, normalizeMobile } from './mobile.ts';
import { checkResidentId } from './resident-id.ts';

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
