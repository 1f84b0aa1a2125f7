import { objectStoreFromEnv } from '#lib/files/object-store.ts';
import { apiHandler } from '#lib/http/api-handler.ts';
import { policyOperations } from '#lib/http/policy-routes.ts';
import {
  approveReward,
  assignTipoff,
  concludeTipoff,
  linkRecord,
  listTipoffs,
  payReward,
  proposeReward,
  revealContact,
  tipoffDetail,
  tipoffFileLink,
  triageTipoff,
} from '#lib/tipoffs/bureau.ts';
import { tipoffPolicy } from '#lib/tipoffs/tipoff-policy.ts';
import { tipoffRoutes } from './tipoffs.routes.ts';

/** 举报处理: triage, assignment, investigation, conclusion and reward of the public's tip-offs. */
export const handler = apiHandler(tipoffRoutes, {
  listTipoffs: async ({ store, query }) => ({ body: await listTipoffs(store, query) }),
  getTipoff: async ({ store, params }) => ({ body: await tipoffDetail(store, params.tipoffId) }),
  triageTipoff: async ({ store, params, body }) => ({ body: await triageTipoff(store, params.tipoffId, body) }),
  assignTipoff: async ({ store, params, body }) => ({ body: await assignTipoff(store, params.tipoffId, body) }),
  linkTipoffRecord: async ({ store, params, body }) => ({ body: await linkRecord(store, params.tipoffId, body) }),
  concludeTipoff: async ({ store, params, body }) => ({ body: await concludeTipoff(store, params.tipoffId, body) }),
  proposeTipoffReward: async ({ store, params, body }) => ({
    body: await proposeReward(store, params.tipoffId, body),
  }),
  approveTipoffReward: async ({ store, params, body }) => ({
    body: await approveReward(store, params.tipoffId, body.version),
  }),
  payTipoffReward: async ({ store, params, body }) => ({ body: await payReward(store, params.tipoffId, body) }),
  revealTipoffContact: async ({ store, params }) => ({ body: await revealContact(store, params.tipoffId) }),
  downloadTipoffFile: async ({ store, params }) => ({
    body: await tipoffFileLink(store, objectStoreFromEnv, params.tipoffId, params.index),
  }),
  ...policyOperations(tipoffPolicy, 'Tipoff'),
});
