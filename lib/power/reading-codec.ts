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
  // The nightly review reads 29 days of every mine: JSON's number grammar covers what `join(',')` writes of finite
  // numbers, and V8 parses it several times faster than splitting and converting each part. Anything else (an empty
  // part, `NaN`) reads as before.
  try {
    const parsed: unknown = JSON.parse(`[${packed}]`);
    if (Array.isArray(parsed) && parsed.every((v) => typeof v === 'number')) return parsed as number[];
  } catch {
    // Not JSON numbers: read part by part below.
  }
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
  // A plain copy without the packed attribute (a rest pattern with a computed key is several times slower).
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(stored)) if (key !== PACKED_QUARTER_HOURS) out[key] = stored[key];
  out.quarterHours = unpackQuarterHours(packed);
  return out as T;
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
