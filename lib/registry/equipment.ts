import type * as z from 'zod/mini';
import { gsi1, sk } from '#lib/store/keys.ts';
import { mineRecords } from './mine-records.ts';
import type { equipmentBody, meterBody } from './schemas.ts';

/**
 * The electrical equipment register and the meters: the electricity review learns a stopped mine's maintenance
 * load from the equipment that must keep running, and reads consumption per meter.
 */
export const equipment = mineRecords<z.infer<typeof equipmentBody>>({
  entityType: 'equipment',
  label: '设备',
  idField: 'equipmentId',
  sortKey: sk.equipment,
  prefix: sk.equipmentPrefix,
});

export const meters = mineRecords<z.infer<typeof meterBody>>({
  entityType: 'meter',
  label: '电表',
  idField: 'meterId',
  sortKey: sk.meter,
  prefix: sk.meterPrefix,
  // The grid company's files name a meter by its account number: findable across mines.
  indexKeys: (mineId, meterId, body): Record<string, string> =>
    body.gridAccountNo
      ? { GSI1PK: gsi1.gridAccount(body.gridAccountNo), GSI1SK: gsi1.meterAtMine(mineId, meterId) }
      : {},
});
