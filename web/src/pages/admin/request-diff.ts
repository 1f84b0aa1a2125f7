import { CIRCUIT_LABELS } from '#lib/registry/vocabulary.ts';

/**
 * What a register change request changes, field by field: the record as it stands (before) against the record as
 * asked (after). A new record has no before; a removal has no after. Pure, so it is tested on its own.
 */
export interface ChangeRow {
  readonly field: string;
  readonly label: string;
  readonly before: string;
  readonly after: string;
  readonly changed: boolean;
}

const FIELD_LABELS: Record<string, string> = {
  name: '名称',
  ratedKw: '额定功率',
  circuit: '回路',
  mustRunWhenStopped: '停产时须运行',
  meterId: '所接电表',
  serialNo: '表号',
  gridAccountNo: '电网户号',
  multiplier: '倍率',
};
const EQUIPMENT_FIELDS = ['name', 'ratedKw', 'circuit', 'mustRunWhenStopped', 'meterId'] as const;
const METER_FIELDS = ['name', 'serialNo', 'gridAccountNo', 'multiplier', 'circuit'] as const;

export const NONE = '—';

/** A field's value as an officer reads it. */
export function fieldText(field: string, value: unknown): string {
  if (value === undefined || value === null || value === '') return NONE;
  if (field === 'circuit') return CIRCUIT_LABELS[value as keyof typeof CIRCUIT_LABELS] ?? String(value);
  if (field === 'mustRunWhenStopped') return value === true ? '是' : '否';
  if (field === 'ratedKw') return `${value} kW`;
  return String(value);
}

export function changeRows(
  kind: 'equipment' | 'meter',
  change: 'put' | 'remove',
  before: Readonly<Record<string, unknown>> | undefined,
  after: Readonly<Record<string, unknown>> | undefined,
): ChangeRow[] {
  const fields = kind === 'equipment' ? EQUIPMENT_FIELDS : METER_FIELDS;
  const asked = change === 'remove' ? undefined : after;
  return fields
    .map((field) => {
      const b = fieldText(field, before?.[field]);
      const a = change === 'remove' ? NONE : fieldText(field, asked?.[field]);
      return { field, label: FIELD_LABELS[field] ?? field, before: b, after: a, changed: a !== b };
    })
    .filter((row) => row.changed || row.before !== NONE);
}
