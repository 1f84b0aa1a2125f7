import * as z from 'zod/mini';
import { ADMIN_ONLY, ANY_BUREAU } from '#lib/auth/role-groups.ts';
import type { Policy } from '#lib/policies/define-policy.ts';
import { describe, idSchema, listOf, text, versionSchema } from '#lib/schemas/primitives.ts';
import type { TenantStore } from '#lib/store/tenant-store.ts';
import type { ApiResult } from './api-handler.ts';
import { defineRoute } from './route-spec.ts';

/**
 * The routes of a policy, written once for every policy from its declaration: `GET` and `PUT /v1/policies/<name>`,
 * and for a policy with guarded settings the changes waiting for a legal reviewer
 * (`GET /v1/policies/<name>/pending`, `POST …/pending/{changeId}/approve` and `…/reject`). A capability's route
 * module spreads them into its table (`...policyRoutes(penaltyPolicy, { id: 'Penalty', … })`) and its handler
 * module the matching operations (`...policyOperations(penaltyPolicy, 'Penalty')`).
 */
// biome-ignore lint/suspicious/noExplicitAny: any policy, whatever its settings
type AnyPolicy = Policy<any, any>;

export interface PolicyRouteOptions<Id extends string> {
  /** Names the operations: `get<Id>Policy`, `put<Id>Policy`, `listPending<Id>PolicyChanges`, … */
  readonly id: Id;
  readonly tag: string;
  /** The GET's summary, e.g. `处罚策略 (… in force for your jurisdiction)`. */
  readonly summary: string;
  readonly putSummary: string;
  readonly putDescription?: string;
}

const changeParams = z.object({ changeId: idSchema });
const approveBody = z.strictObject({
  version: versionSchema,
  reason: describe(z.optional(text(500)), { description: 'The reviewer’s opinion (审核意见).' }),
});
const rejectBody = z.strictObject({
  version: versionSchema,
  reason: describe(text(500), { description: 'Why the change is rejected.' }),
});

const GUARDED_PUT =
  'A change of a guarded setting (see bounds in the answer of GET) must be as tight as the value the jurisdiction above has in force, or tighter (422 naming the field otherwise), and does not take effect: it answers 202 with a pending change, which takes effect only when a legal reviewer of this jurisdiction who is not the proposer approves it. A change of other settings only is in force at once.';

export function policyRoutes<P extends AnyPolicy, const Id extends string>(policy: P, options: PolicyRouteOptions<Id>) {
  const path = `/v1/policies/${policy.name}`;
  const { id, tag } = options;
  const guarded = policy.guarded.length > 0;
  const putDescription = [options.putDescription, guarded ? GUARDED_PUT : undefined].filter(Boolean).join(' ');
  const base = [
    defineRoute({
      operationId: `get${id}Policy` as `get${Id}Policy`,
      method: 'GET',
      path,
      roles: ANY_BUREAU,
      tag,
      summary: options.summary,
      response: policy.viewSchema as P['viewSchema'],
    }),
    defineRoute({
      operationId: `put${id}Policy` as `put${Id}Policy`,
      method: 'PUT',
      path,
      roles: ADMIN_ONLY,
      tag,
      summary: options.putSummary,
      ...(putDescription ? { description: putDescription } : {}),
      body: policy.changeSchema as P['changeSchema'],
      response: policy.viewSchema as P['viewSchema'],
      ...(guarded
        ? {
            accepted: {
              response: policy.changeViewSchema,
              description: `A change of a guarded setting, kept as a change pending the legal review (${path}/pending).`,
            },
          }
        : {}),
    }),
  ] as const;
  return base;
}

/** The routes of a policy's pending changes (a policy with guarded settings only). */
export function pendingChangeRoutes<P extends AnyPolicy, const Id extends string>(
  policy: P,
  options: Pick<PolicyRouteOptions<Id>, 'id' | 'tag'>,
) {
  if (policy.guarded.length === 0) throw new Error(`Policy ${policy.name} has no guarded settings to approve`);
  const path = `/v1/policies/${policy.name}/pending`;
  const { id, tag } = options;
  return [
    defineRoute({
      operationId: `listPending${id}PolicyChanges` as `listPending${Id}PolicyChanges`,
      method: 'GET',
      path,
      roles: ANY_BUREAU,
      tag,
      summary: `${policy.label}待法制审核的变更 (changes of guarded settings waiting for a legal reviewer, oldest first)`,
      response: listOf(policy.changeViewSchema),
    }),
    defineRoute({
      operationId: `approve${id}PolicyChange` as `approve${Id}PolicyChange`,
      method: 'POST',
      path: `${path}/{changeId}/approve`,
      roles: ['legal_reviewer'],
      tag,
      summary: `批准${policy.label}变更 (a legal reviewer who is not the proposer; a new version in force at once)`,
      description:
        'The change is merged over the values in force and checked again against the bounds of the jurisdiction above (422 when it has tightened since). 409 when the policy has a new version since the change was proposed, or the change was decided meanwhile; 422 for the proposer or a change already decided.',
      params: changeParams,
      body: approveBody,
      response: policy.changeViewSchema,
    }),
    defineRoute({
      operationId: `reject${id}PolicyChange` as `reject${Id}PolicyChange`,
      method: 'POST',
      path: `${path}/{changeId}/reject`,
      roles: ['legal_reviewer'],
      tag,
      summary: `驳回${policy.label}变更 (reason required; the policy stays as it is)`,
      params: changeParams,
      body: rejectBody,
      response: policy.changeViewSchema,
    }),
  ] as const;
}

type Op = (ctx: {
  store: TenantStore;
  // biome-ignore lint/suspicious/noExplicitAny: each route's body, typed by its schema where the route is declared
  body: any;
  params: { changeId?: string };
}) => Promise<ApiResult>;

/** The operations of `policyRoutes`: a change of a guarded setting answers 202 with the pending change. */
export function policyOperations<P extends AnyPolicy, const Id extends string>(policy: P, id: Id) {
  return {
    [`get${id}Policy`]: (async ({ store }) => ({ body: await policy.get(store) })) as Op,
    [`put${id}Policy`]: (async ({ store, body }) => {
      const outcome = await policy.put(store, body);
      return outcome.pending ? { status: 202, body: outcome.change } : { body: outcome.view };
    }) as Op,
  } as Record<`get${Id}Policy` | `put${Id}Policy`, Op>;
}

/** The operations of `pendingChangeRoutes`. */
export function pendingChangeOperations<P extends AnyPolicy, const Id extends string>(policy: P, id: Id) {
  return {
    [`listPending${id}PolicyChanges`]: (async ({ store }) => ({
      body: { items: await policy.pendingChanges(store) },
    })) as Op,
    [`approve${id}PolicyChange`]: (async ({ store, params, body }) => ({
      body: await policy.decide(store, params.changeId!, 'approve', body),
    })) as Op,
    [`reject${id}PolicyChange`]: (async ({ store, params, body }) => ({
      body: await policy.decide(store, params.changeId!, 'reject', body),
    })) as Op,
  } as Record<`listPending${Id}PolicyChanges` | `approve${Id}PolicyChange` | `reject${Id}PolicyChange`, Op>;
}
