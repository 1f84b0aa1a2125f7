import * as z from 'zod/mini';
import '#lib/schemas/zod.ts';
import { describe, text } from '#lib/schemas/primitives.ts';
import { actorSchema } from '#lib/schemas/records.ts';
import { POLICY_CHANGE_STATUSES } from './change-workflow.ts';
import type { PolicyChange, PolicyView } from './define-policy.ts';
import type { PendingChangeView } from './pending-changes.ts';
import { patchSchemaOf } from './settings.ts';

/**
 * The API's shapes of one policy, from its settings' schema: the body of a PUT, the answer of its GET and PUT (with
 * the bounds on its guarded settings, when it has any), and a pending change of a guarded setting.
 */
export function policySchemas<T extends object, K extends string>(
  name: string,
  field: K,
  schema: z.ZodMiniType<T>,
  hasGuarded: boolean,
) {
  const changeViewSchema = z.object({
    changeId: z.string(),
    policy: describe(z.literal(name), { description: 'The policy the change is of.' }),
    jurisdiction: z.string(),
    baseVersion: describe(z.number(), {
      description: 'The jurisdiction’s own version the change was proposed over; approval needs it still current.',
    }),
    changes: describe(patchSchemaOf(schema), { description: 'The change as proposed (the PUT’s settings).' }),
    guarded: describe(z.array(z.object({ path: z.string(), label: z.string(), from: z.unknown(), to: z.unknown() })), {
      description: 'The guarded settings it changes: the value in force when proposed, and the one asked for.',
    }),
    reason: z.string(),
    status: z.enum(POLICY_CHANGE_STATUSES),
    statusLabel: z.string(),
    proposedBy: actorSchema,
    proposedAt: z.string(),
    decidedBy: z.optional(actorSchema),
    decidedAt: z.optional(z.string()),
    decisionReason: z.optional(z.string()),
    appliedVersion: describe(z.optional(z.number()), { description: 'The policy version the approval made.' }),
    version: describe(z.number(), { description: 'Send it back to approve or reject.' }),
    updatedAt: z.string(),
  }) as unknown as z.ZodMiniType<PendingChangeView>;

  const boundSchema = z.object({
    setting: z.string(),
    label: z.string(),
    bound: describe(z.unknown(), { description: 'The loosest value this jurisdiction may have.' }),
    boundFrom: describe(z.object({ definedAt: z.nullable(z.string()), version: z.number() }), {
      description: 'Whose policy sets the bound (definedAt null: the product’s).',
    }),
    clamped: describe(z.boolean(), {
      description: 'The stored value is looser than the bound (the parent tightened since), so the bound is in force.',
    }),
  });

  return {
    changeSchema: z.strictObject({
      version: describe(z.number().check(z.int(), z.minimum(0)), {
        description: 'The version of your jurisdiction’s own policy you read (0 when it has none).',
      }),
      [field]: describe(patchSchemaOf(schema), {
        description: 'Settings not given keep their values in force; nested objects merge, lists are replaced whole.',
      }),
      reason: text(500),
    }) as unknown as z.ZodMiniType<PolicyChange<T, K>>,
    viewSchema: z.object({
      definedAt: z.nullable(z.string()),
      version: z.number(),
      ownVersion: describe(z.number(), {
        description: 'The version to send with a PUT: your jurisdiction’s own policy’s (0 while it inherits).',
      }),
      [field]: schema,
      notSettableHere: describe(z.optional(z.string()), {
        description: 'Present when your jurisdiction may not set this policy: why (a PUT is refused with it).',
      }),
      ...(hasGuarded
        ? {
            bounds: describe(z.array(boundSchema), {
              description:
                'Each guarded setting (a change of one needs a legal reviewer’s approval) with the bound the jurisdiction above sets on it.',
            }),
          }
        : {}),
    }) as unknown as z.ZodMiniType<PolicyView<T, K>>,
    changeViewSchema,
  };
}
