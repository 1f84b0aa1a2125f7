import { apiHandler } from '#lib/http/api-handler.ts';
import { mineRecord } from '#lib/mine-file/mine-file.ts';
import { listMineAudit } from '#lib/registry/audit-log.ts';
import { getHeadcountLimits, setHeadcountLimits } from '#lib/registry/headcount.ts';
import { describeJurisdiction, nameJurisdiction, ownJurisdiction } from '#lib/registry/jurisdictions.ts';
import { assignOfficial, updateContacts } from '#lib/registry/mine-contacts.ts';
import { mineView } from '#lib/registry/mine-item.ts';
import { createMine, getMine, listMines, patchMine } from '#lib/registry/mines.ts';
import { changeStatus, listStatusHistory } from '#lib/registry/status-history.ts';
import { mineRoutes } from './mines.routes.ts';

/** Mine profiles (一矿一档): create, list, read, edit, status, official, contacts, headcount limits, audit trail. */
export const handler = apiHandler(mineRoutes, {
  getJurisdiction: async ({ store }) => ({ body: await describeJurisdiction(store, await ownJurisdiction(store)) }),
  nameJurisdiction: async ({ store, body }) => ({ body: await nameJurisdiction(store, body) }),
  createMine: async ({ store, body }) => {
    const mine = await createMine(store, body);
    return { status: 201, body: mine, headers: { location: `/v1/mines/${mine.mineId}` } };
  },
  listMines: async ({ store, query }) => ({ body: await listMines(store, query) }),
  getMine: async ({ store, params }) => ({ body: await getMine(store, params.mineId) }),
  patchMine: async ({ store, params, body }) => ({ body: await patchMine(store, params.mineId, body) }),
  changeMineStatus: async ({ store, params, body }) => {
    const result = await changeStatus(store, params.mineId, body);
    return { status: 201, body: { ...result, mine: mineView(result.mine) } };
  },
  listMineStatusHistory: async ({ store, params, query }) => ({
    body: await listStatusHistory(store, params.mineId, query),
  }),
  assignOfficial: async ({ store, params, body }) => ({ body: await assignOfficial(store, params.mineId, body) }),
  updateMineContacts: async ({ store, params, body }) => ({ body: await updateContacts(store, params.mineId, body) }),
  getHeadcountLimits: async ({ store, params, query }) => ({
    body: await getHeadcountLimits(store, params.mineId, query.asOf),
  }),
  setHeadcountLimits: async ({ store, params, body }) => ({
    body: await setHeadcountLimits(store, params.mineId, body),
  }),
  getMineRecord: async ({ store, params }) => ({ body: await mineRecord(store, params.mineId) }),
  listMineAudit: async ({ store, params, query }) => ({ body: await listMineAudit(store, params.mineId, query) }),
});
