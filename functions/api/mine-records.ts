import { type ApiResult, apiHandler } from '#lib/http/api-handler.ts';
import { equipment, meters, type PutOutcome, type RemoveOutcome } from '#lib/registry/equipment.ts';
import { licences, licenceView, putLicence } from '#lib/registry/licences.ts';
import { periodicDuties, periodicDutyView, putPeriodicDuty } from '#lib/registry/periodic-duties.ts';
import { addPerson, getPerson, listPersons, removePerson } from '#lib/registry/persons.ts';
import {
  decideRegisterRequest,
  getRegisterRequest,
  listMineRegisterRequests,
  listPendingRegisterRequests,
} from '#lib/registry/register-requests.ts';
import { mineRecordRoutes } from './mine-records.routes.ts';

/** A mine's file beyond its profile: licences, periodic duties, key persons, equipment register, meters. */
const putResult = ({ record, created }: { record: unknown; created: boolean }): ApiResult => ({
  status: created ? 201 : 200,
  body: record,
});

/** A change of the register: in force (201/200, or 204 for a removal), or kept as a request (202 with it). */
const registerResult = (outcome: PutOutcome<'equipment' | 'meter'> | RemoveOutcome): ApiResult => {
  if (outcome.outcome === 'requested') return { status: 202, body: outcome.request };
  return 'record' in outcome ? putResult(outcome) : { status: 204 };
};

export const handler = apiHandler(mineRecordRoutes, {
  listLicences: async ({ store, params }) => {
    const now = store.now();
    return { body: { items: (await licences.list(store, params.mineId)).map((l) => licenceView(l, now)) } };
  },
  getLicence: async ({ store, params }) => ({
    body: licenceView(await licences.get(store, params.mineId, params.type), store.now()),
  }),
  putLicence: async ({ store, params, body }) => {
    const { record, created } = await putLicence(store, params.mineId, params.type, body);
    return putResult({ record: licenceView(record, store.now()), created });
  },

  listPeriodicDuties: async ({ store, params }) => {
    const now = store.now();
    return { body: { items: (await periodicDuties.list(store, params.mineId)).map((d) => periodicDutyView(d, now)) } };
  },
  getPeriodicDuty: async ({ store, params }) => ({
    body: periodicDutyView(await periodicDuties.get(store, params.mineId, params.duty), store.now()),
  }),
  putPeriodicDuty: async ({ store, params, body }) => {
    const { record, created } = await putPeriodicDuty(store, params.mineId, params.duty, body);
    return putResult({ record: periodicDutyView(record, store.now()), created });
  },

  listPersons: async ({ store, params }) => ({ body: { items: await listPersons(store, params.mineId) } }),
  addPerson: async ({ store, params, body }) => ({ status: 201, body: await addPerson(store, params.mineId, body) }),
  getPerson: async ({ store, params }) => ({ body: await getPerson(store, params.mineId, params.personId) }),
  removePerson: async ({ store, params, query }) => {
    await removePerson(store, params.mineId, params.personId, query.version, query.reason);
    return { status: 204 };
  },

  listEquipment: async ({ store, params, query }) => ({
    body: { items: await equipment.list(store, params.mineId, query.asOf) },
  }),
  getEquipment: async ({ store, params, query }) => ({
    body: await equipment.get(store, params.mineId, params.equipmentId, query.asOf),
  }),
  putEquipment: async ({ store, params, body }) =>
    registerResult(await equipment.put(store, params.mineId, params.equipmentId, body)),
  deleteEquipment: async ({ store, params, query }) =>
    registerResult(
      await equipment.remove(store, params.mineId, params.equipmentId, query.version, {
        effectiveFrom: query.effectiveFrom,
        reason: query.reason,
      }),
    ),

  listMeters: async ({ store, params, query }) => ({
    body: { items: await meters.list(store, params.mineId, query.asOf) },
  }),
  getMeter: async ({ store, params, query }) => ({
    body: await meters.get(store, params.mineId, params.meterId, query.asOf),
  }),
  putMeter: async ({ store, params, body }) =>
    registerResult(await meters.put(store, params.mineId, params.meterId, body)),
  deleteMeter: async ({ store, params, query }) =>
    registerResult(
      await meters.remove(store, params.mineId, params.meterId, query.version, {
        effectiveFrom: query.effectiveFrom,
        reason: query.reason,
      }),
    ),

  listPendingRegisterRequests: async ({ store, query }) => ({ body: await listPendingRegisterRequests(store, query) }),
  listRegisterRequests: async ({ store, params, query }) => ({
    body: await listMineRegisterRequests(store, params.mineId, query),
  }),
  getRegisterRequest: async ({ store, params }) => ({
    body: await getRegisterRequest(store, params.mineId, params.requestId),
  }),
  approveRegisterRequest: async ({ store, params, body }) => ({
    body: await decideRegisterRequest(store, params.mineId, params.requestId, 'approve', body),
  }),
  rejectRegisterRequest: async ({ store, params, body }) => ({
    body: await decideRegisterRequest(store, params.mineId, params.requestId, 'reject', body),
  }),
});
