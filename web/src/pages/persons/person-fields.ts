import type { Problem, ProblemField } from '../../forms/errors.ts';

/**
 * The responsible persons' field as the API sees it: the chosen ids sent as `responsiblePersons`, and the API's
 * problems of the list's entries placed on the field. Pure, so the mapping is tested on its own.
 */
/** A problem the form shows as it shows the API's (forms/errors.ts reads problems by their shape). */
export class FieldProblem extends Error implements Problem {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail: string | undefined,
    readonly fields: readonly ProblemField[],
  ) {
    super(title);
  }
}
const isProblem = (e: unknown): e is Problem => {
  const p = e as Partial<Problem> | null;
  return e instanceof Error && typeof p?.status === 'number' && Array.isArray(p.fields);
};

export interface KeyPerson {
  readonly personId: string;
  readonly name: string;
  readonly roleLabel: string;
}

export const FIELD = 'responsiblePersons';

export const personOptions = (persons: readonly KeyPerson[]): { value: string; label: string }[] =>
  persons.map((p) => ({ value: p.personId, label: `${p.roleLabel} ${p.name}` }));

/**
 * The API's problems of the list's entries (`body.responsiblePersons.<i>`) as problems of the field, each with the
 * name of the person it is about, so they show beside the checkboxes and not in the box under the form.
 */
export function personFields(error: unknown, sent: readonly string[], persons: readonly KeyPerson[]): unknown {
  if (!isProblem(error)) return error;
  const entry = new RegExp(`^body\\.${FIELD}\\.(\\d+)$`);
  return new FieldProblem(
    error.status,
    error.title,
    error.detail,
    error.fields.map((f) => {
      const i = entry.exec(f.field)?.[1];
      if (i === undefined) return f;
      const id = sent[Number(i)];
      const who = persons.find((p) => p.personId === id);
      // A person the page does not know of (the file changed since it was read): the list is worth reading again.
      const message = who
        ? `${who.roleLabel} ${who.name}：${f.message}`
        : `所选人员中有${f.message}，请刷新页面后重新选择`;
      return { field: `body.${FIELD}`, message };
    }),
  );
}

/** The chosen persons' ids in the form (an empty list when none is ticked). */
export const chosenPersons = (values: Readonly<Record<string, unknown>>): string[] => {
  const v = values[FIELD];
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
};

/**
 * A reason the API requires, checked before sending so the officer reads what is missing beside the field rather
 * than the schema's words (the API refuses it the same way without it).
 */
export function requireReason(values: Readonly<Record<string, unknown>>, name = 'reason'): void {
  const v = values[name];
  if (typeof v === 'string' && v.trim()) return;
  throw new FieldProblem(422, '请填写理由', undefined, [
    { field: `body.${name}`, message: '请填写理由，将记入审计记录' },
  ]);
}
