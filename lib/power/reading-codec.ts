import type { StoredDeclaration, StoredReading } from './reading-records.ts';

/**
 * How a reading item keeps its 96 quarter-hours: one string attribute (`qh`, the values in order, comma-separated, each
 * written as JavaScript writes the number, so it reads back exactly) instead of a list of 96 numbers. The nightly
 * review reads a month of items per mine; a list costs DynamoDB and the SDK 96 typed values to encode, store and
 * decode per item, the string one. The mine's declaration beside a higher source keeps its quarter-hours the same way.
 * Items stored before with a `quarterHours` list read as they are, so nothing needs migrating: the next write of such
 * an item stores it packed.
 */
export const PACKED_QUARTER_HOURS = 'qh';

export const packQuarterHours = (values: readonly number[]): string => values.join(',');

export function unpackQuarterHours(packed: string): number[] {
  if (packed === '') return [];
  const parts = packed.split(',');
  const out = new Array<number>(parts.length);
  for (let i = 0; i < parts.length; i++) out[i] = Number(parts[i]);
  return out;
}

type WithQuarterHours = { readonly quarterHours?: readonly number[] | undefined };

const pack = <T extends WithQuarterHours>(values: T): Record<string, unknown> => {
  const { quarterHours, ...rest } = values;
  return quarterHours ? { ...rest, [PACKED_QUARTER_HOURS]: packQuarterHours(quarterHours) } : rest;
};

const unpack = <T>(stored: Record<string, unknown>): T => {
  const packed = stored[PACKED_QUARTER_HOURS];
  if (typeof packed !== 'string') return stored as T;
  const { [PACKED_QUARTER_HOURS]: _packed, ...rest } = stored;
  return { ...rest, quarterHours: unpackQuarterHours(packed) } as T;
};

/** The attributes a reading is stored with (keys and entity are the caller's). */
export function encodeReading(reading: StoredReading): Record<string, unknown> {
  const item = pack(reading);
  if (reading.declared) item.declared = pack(reading.declared);
  return item;
}

/** A stored reading item (packed, or in the list form of older items) as the code reads it. */
export function decodeReading<T extends StoredReading = StoredReading>(stored: Record<string, unknown>): T {
  const reading = unpack<Record<string, unknown>>(stored);
  const declared = reading.declared as Record<string, unknown> | undefined;
  if (declared && typeof declared[PACKED_QUARTER_HOURS] === 'string')
    return { ...reading, declared: unpack<StoredDeclaration>(declared) } as unknown as T;
  return reading as unknown as T;
}
