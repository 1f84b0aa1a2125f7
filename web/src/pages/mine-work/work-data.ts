/** The plain data of 本矿填报: no components, so the unit tests read it directly. */

/**
 * The form's flat values (`supervision.funds.amount`) as the nested body the API takes, so the API's field errors
 * (`body.supervision.funds.amount`) come back to the input of the same name. Numbers named in `numbers` are sent as
 * numbers; an empty group is left out.
 */
export function nest(flat: Record<string, unknown>, numbers: readonly string[] = []): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, raw] of Object.entries(flat)) {
    if (raw === undefined || raw === '') continue;
    const value = numbers.includes(name) && typeof raw === 'string' ? Number(raw) : raw;
    const path = name.split('.');
    let at = out;
    for (const key of path.slice(0, -1)) {
      if (typeof at[key] !== 'object' || at[key] === null) at[key] = {};
      at = at[key] as Record<string, unknown>;
    }
    at[path[path.length - 1]!] = value;
  }
  return out;
}

export interface Posted {
  readonly created: number;
  readonly revised: number;
  readonly unchanged: number;
  readonly declared: number;
  readonly superseded: number;
}

/** What a readings call came to, in words. */
export function postedText(p: Posted): string {
  const parts = [
    p.created ? `新增 ${p.created} 条` : '',
    p.revised ? `修订 ${p.revised} 条` : '',
    p.unchanged ? `${p.unchanged} 条与已报相同` : '',
    p.declared ? `${p.declared} 条作为本矿申报（以电网或监管部门数据为准）` : '',
    p.superseded ? `${p.superseded} 条替换了较低来源的数据` : '',
  ].filter(Boolean);
  return `已报送：${parts.join('，') || '无变化'}`;
}

/** Two calls' counts together (a file sent in parts of 500). */
export const sumPosted = (a: Posted, b: Posted): Posted => ({
  created: a.created + b.created,
  revised: a.revised + b.revised,
  unchanged: a.unchanged + b.unchanged,
  declared: a.declared + b.declared,
  superseded: a.superseded + b.superseded,
});
