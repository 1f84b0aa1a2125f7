import {
  accidentIdParams,
  accidentSchema,
  correctAccidentBody,
  listAccidentsQuery,
  listMineAccidentsQuery,
  recordAccidentBody,
} from '#lib/accidents/schemas.ts';
import { MINE_READERS } from '#lib/auth/role-groups.ts';
import type { Role } from '#lib/auth/roles.ts';
import { defineRoute } from '#lib/http/route-spec.ts';
import { mineIdParams, pageOf } from '#lib/schemas/primitives.ts';
import type { FunctionNeeds } from '#lib/store/access-needs.ts';

const tag = 'accidents';
/** Who records and corrects accidents. Mine users only read their own. */
const RECORDERS: readonly Role[] = ['bureau_admin', 'inspector'];

export const accidentRoutes = [
  defineRoute({
    operationId: 'recordAccident',
    method: 'POST',
    path: '/v1/mines/{mineId}/accidents',
    roles: RECORDERS,
    tag,
    summary: '登记事故 (date, level, casualties, 瞒报/谎报)',
    description: 'A level below what the deaths and serious injuries require, a future date or an unknown level → 400.',
    params: mineIdParams,
    body: recordAccidentBody,
    status: 201,
    response: accidentSchema,
    idempotent: true,
  }),
  defineRoute({
    operationId: 'listMineAccidents',
    method: 'GET',
    path: '/v1/mines/{mineId}/accidents',
    roles: MINE_READERS,
    tag,
    summary: '本矿事故 (newest first; filters from, to, level)',
    params: mineIdParams,
    query: listMineAccidentsQuery,
    response: pageOf(accidentSchema),
  }),
  defineRoute({
    operationId: 'listAccidents',
    method: 'GET',
    path: '/v1/accidents',
    roles: MINE_READERS,
    tag,
    summary: '辖区事故 (your jurisdiction’s; a mine user gets its own; filters level, from, to, mineId)',
    query: listAccidentsQuery,
    response: pageOf(accidentSchema),
  }),
  defineRoute({
    operationId: 'getAccident',
    method: 'GET',
    path: '/v1/accidents/{accidentId}',
    roles: MINE_READERS,
    tag,
    summary: '一起事故 (one accident)',
    params: accidentIdParams,
    response: accidentSchema,
  }),
  defineRoute({
    operationId: 'correctAccident',
    method: 'PATCH',
    path: '/v1/accidents/{accidentId}',
    roles: RECORDERS,
    tag,
    summary: '更正事故记录 (with version and reason, e.g. a concealment found later)',
    description: 'Audited with the fields before and after and the reason. Stale version → 409.',
    params: accidentIdParams,
    body: correctAccidentBody,
    response: accidentSchema,
  }),
] as const;

/** What this module's function may do in AWS (tests/unit/store/access-needs.test.ts checks it against the code). */
export const accidentsNeeds: FunctionNeeds = {
  table: { access: 'read-write', indexes: ['GSI1'] },
};
