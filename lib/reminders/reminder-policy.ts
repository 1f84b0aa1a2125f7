import * as z from 'zod/mini';
import '#lib/schemas/zod.ts';
import { definePolicy } from '#lib/policies/define-policy.ts';
import { DEFAULT_REMINDER_RULES, LOOK_AHEAD_DAYS, REMINDER_KINDS } from './schedule.ts';

const ruleSchema = z.strictObject({
  // The scan reads four months ahead (LOOK_AHEAD_DAYS), so no lead time is longer.
  leadDays: z.array(z.number().check(z.int(), z.minimum(1), z.maximum(LOOK_AHEAD_DAYS))).check(z.maxLength(10)),
  onTheDay: z.boolean(),
  dailyOverdue: z.boolean(),
  escalateAfterDays: z.number().check(z.int(), z.minimum(0), z.maximum(90)),
});

const reminderRulesSchema = z.record(z.enum(REMINDER_KINDS), ruleSchema);

/**
 * Lead times and escalation per kind of dated item (`GET/PUT /v1/policies/reminders`): the morning scan asks each
 * item for its stage under its jurisdiction's rules.
 */
export const reminderPolicy = definePolicy({
  name: 'reminders',
  label: '提醒规则',
  field: 'rules',
  defaults: DEFAULT_REMINDER_RULES,
  schema: reminderRulesSchema,
});
