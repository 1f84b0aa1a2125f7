/**
 * zod schemas for the identifiers and dates the API accepts, so every route validates them the same way and the
 * OpenAPI document describes them once. Normalizing steps (trim, upper case) are zod "overwrite" checks, which keep
 * the schemas representable in JSON Schema; a failed credit-code check character is not an error (real codes fail
 * it), callers report it as a warning with `checkCreditCode`.
 */
import { z } from 'zod';
import { isBusinessDate } from './business-date.ts';
import { checkCreditCode } from './credit-code.ts';
import { isMobile, normalizeMobile } from './mobile.ts';
import { checkResidentId } from './resident-id.ts';

/** Unified social credit code, normalized (trimmed, upper case); refuses codes that are not well-formed. */
export const creditCodeSchema = z
  .string()
  .trim()
  .toUpperCase()
  .superRefine((value, ctx) => {
    const r = checkCreditCode(value);
    if (!r.wellFormed) ctx.addIssue({ code: 'custom', message: `Not a unified social credit code: ${r.problem}` });
  })
  .meta({
    description: 'Unified social credit code (GB 32100-2015), 18 characters; normalized to upper case.',
    examples: ['91350100M000100Y43'],
  });

/** Resident ID number, normalized (trimmed, X upper case); refuses invalid numbers. */
export const residentIdSchema = z
  .string()
  .trim()
  .toUpperCase()
  .superRefine((value, ctx) => {
    const r = checkResidentId(value);
    if (!r.valid) ctx.addIssue({ code: 'custom', message: `Not a valid resident ID number: ${r.problem}` });
  })
  .meta({ description: 'Resident identity card number (GB 11643), 18 characters.', examples: ['11010519491231002X'] });

/** Mainland China mobile number, normalized to 11 digits. */
export const mobileSchema = z
  .string()
  .overwrite(normalizeMobile)
  .refine(isMobile, { message: 'Not a mainland China mobile number (11 digits starting 13-19)' })
  .meta({ description: 'Mainland China mobile number, 11 digits.', examples: ['13800000000'] });

/** Business date: `YYYY-MM-DD`, a real Asia/Shanghai calendar day. */
export const businessDateSchema = z
  .string()
  .refine(isBusinessDate, { message: 'Expected a calendar date as YYYY-MM-DD' })
  .meta({ description: 'Calendar day in Asia/Shanghai, YYYY-MM-DD.', format: 'date', examples: ['2025-03-01'] });
