import type { QuerySpec } from './query.ts';

/** Attribute equality filters and a date window, as a DynamoDB filter (undefined values are ignored). */
export function recordFilter(
  equals: Record<string, string | undefined>,
  window?: { from?: string | undefined; to?: string | undefined },
): QuerySpec['filter'] | undefined {
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = {};
  const conditions: string[] = [];
  for (const [attr, value] of Object.entries(equals)) {
    if (value === undefined) continue;
    names[`#${attr}`] = attr;
    values[`:${attr}`] = value;
    conditions.push(`#${attr} = :${attr}`);
  }
  if (window?.from) {
    names['#date'] = 'date';
    values[':from'] = window.from;
    conditions.push('#date >= :from');
  }
  if (window?.to) {
    names['#date'] = 'date';
    values[':to'] = window.to;
    conditions.push('#date <= :to');
  }
  return conditions.length ? { expression: conditions.join(' AND '), names, values } : undefined;
}
