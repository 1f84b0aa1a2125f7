import { ADMIN_ONLY, ADMIN_OR_OWN_MINE, MINE_READERS } from '../../lib/auth/role-groups.ts';
import { defineRoute } from '../../lib/http/route-spec.ts';
import {
  deleteQuery,
  equipmentBody,
  equipmentParams,
  equipmentSchema,
  licenceBody,
  licenceParams,
  licenceSchema,
  listOf,
  meterBody,
  meterParams,
  meterSchema,
  periodicDutyBody,
  periodicDutyParams,
  periodicDutySchema,
  mineIdParams,
  personBody,
  personParams,
  personSchema,
  removePersonQuery,
} from '../../lib/registry/schemas.ts';


export const mineRecordRoutes = [
  defineRoute({ operationId: 'listLicences', method: 'GET', path: '/v1/mines/{mineId}/licences', roles: MINE_READERS, tag: 'licences', summary: '证照列表，含到期天数 (licences with days to expiry)', params: mineIdParams, response: listOf(licenceSchema) }),
  defineRoute({ operationId: 'getLicence', method: 'GET', path: '/v1/mines/{mineId}/licences/{type}', roles: MINE_READERS, tag: 'licences', summary: '一项证照 (one licence)', params: licenceParams, response: licenceSchema }),
  defineRoute({ operationId: 'putLicence', method: 'PUT', path: '/v1/mines/{mineId}/licences/{type}', roles: ADMIN_ONLY, tag: 'licences', summary: '登记或更新证照 (create, or replace with version)', params: licenceParams, body: licenceBody, response: licenceSchema }),

  defineRoute({ operationId: 'listPeriodicDuties', method: 'GET', path: '/v1/mines/{mineId}/periodic-duties', roles: MINE_READERS, tag: 'periodic duties', summary: '定期工作：瓦斯等级鉴定、应急演练，含下次到期日 (gas-grade appraisal and drills with next due date)', params: mineIdParams, response: listOf(periodicDutySchema) }),
  defineRoute({ operationId: 'getPeriodicDuty', method: 'GET', path: '/v1/mines/{mineId}/periodic-duties/{duty}', roles: MINE_READERS, tag: 'periodic duties', summary: '一项定期工作 (one periodic duty)', params: periodicDutyParams, response: periodicDutySchema }),
  defineRoute({ operationId: 'putPeriodicDuty', method: 'PUT', path: '/v1/mines/{mineId}/periodic-duties/{duty}', roles: ADMIN_OR_OWN_MINE, tag: 'periodic duties', summary: '登记最近一次完成 (record the last time done; replace with version)', params: periodicDutyParams, body: periodicDutyBody, response: periodicDutySchema }),

  defineRoute({ operationId: 'listPersons', method: 'GET', path: '/v1/mines/{mineId}/persons', roles: MINE_READERS, tag: 'persons', summary: '关键人员 (key persons; IDs masked)', params: mineIdParams, response: listOf(personSchema) }),
  defineRoute({ operationId: 'addPerson', method: 'POST', path: '/v1/mines/{mineId}/persons', roles: ADMIN_ONLY, tag: 'persons', summary: '登记关键人员 (resident ID validated, stored protected)', params: mineIdParams, body: personBody, status: 201, response: personSchema, idempotent: true }),
  defineRoute({ operationId: 'getPerson', method: 'GET', path: '/v1/mines/{mineId}/persons/{personId}', roles: MINE_READERS, tag: 'persons', summary: '一名关键人员 (one key person)', params: personParams, response: personSchema }),
  defineRoute({ operationId: 'removePerson', method: 'DELETE', path: '/v1/mines/{mineId}/persons/{personId}', roles: ADMIN_ONLY, tag: 'persons', summary: '移除关键人员 (with version)', params: personParams, query: removePersonQuery, status: 204 }),

  defineRoute({ operationId: 'listEquipment', method: 'GET', path: '/v1/mines/{mineId}/equipment', roles: MINE_READERS, tag: 'equipment', summary: '用电设备台账 (equipment register)', params: mineIdParams, response: listOf(equipmentSchema) }),
  defineRoute({ operationId: 'getEquipment', method: 'GET', path: '/v1/mines/{mineId}/equipment/{equipmentId}', roles: MINE_READERS, tag: 'equipment', summary: '一台设备 (one item)', params: equipmentParams, response: equipmentSchema }),
  defineRoute({ operationId: 'putEquipment', method: 'PUT', path: '/v1/mines/{mineId}/equipment/{equipmentId}', roles: ADMIN_OR_OWN_MINE, tag: 'equipment', summary: '登记或更新设备 (create, or replace with version)', params: equipmentParams, body: equipmentBody, response: equipmentSchema }),
  defineRoute({ operationId: 'deleteEquipment', method: 'DELETE', path: '/v1/mines/{mineId}/equipment/{equipmentId}', roles: ADMIN_OR_OWN_MINE, tag: 'equipment', summary: '删除设备 (with version)', params: equipmentParams, query: deleteQuery, status: 204 }),

  defineRoute({ operationId: 'listMeters', method: 'GET', path: '/v1/mines/{mineId}/meters', roles: MINE_READERS, tag: 'meters', summary: '电表 (meters)', params: mineIdParams, response: listOf(meterSchema) }),
  defineRoute({ operationId: 'getMeter', method: 'GET', path: '/v1/mines/{mineId}/meters/{meterId}', roles: MINE_READERS, tag: 'meters', summary: '一块电表 (one meter)', params: meterParams, response: meterSchema }),
  defineRoute({ operationId: 'putMeter', method: 'PUT', path: '/v1/mines/{mineId}/meters/{meterId}', roles: ADMIN_OR_OWN_MINE, tag: 'meters', summary: '登记或更新电表 (create, or replace with version)', params: meterParams, body: meterBody, response: meterSchema }),
  defineRoute({ operationId: 'deleteMeter', method: 'DELETE', path: '/v1/mines/{mineId}/meters/{meterId}', roles: ADMIN_OR_OWN_MINE, tag: 'meters', summary: '删除电表 (with version)', params: meterParams, query: deleteQuery, status: 204 }),
] as const;
