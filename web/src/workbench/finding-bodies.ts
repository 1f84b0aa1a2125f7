/**
 * The finding forms' values as the API's bodies, and the API's problems placed on the forms' inputs. Pure (no
 * browser globals), so the mapping is tested on its own.
 */
export interface HazardBody {
  readonly level: 'general' | 'major';
  readonly description?: string;
  readonly location?: string;
  readonly deadline?: string;
  readonly measures?: string;
  readonly category?: string;
  readonly supervision?: Record<string, unknown>;
  readonly source: 'inspection';
  readonly inspectionId: string;
}

const str = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : undefined);

/** The form's flat values (`supervision.funds.amount`) as the API's body; numbers from their text. */
export function hazardBody(
  values: Readonly<Record<string, unknown>>,
  inspectionId: string,
  officials: readonly { userId: string; name: string }[],
): HazardBody {
  const level: HazardBody['level'] = values.level === 'major' ? 'major' : 'general';
  const base = {
    level,
    description: str(values.description),
    location: str(values.location),
    deadline: str(values.deadline),
    measures: str(values.measures),
    source: 'inspection' as const,
    inspectionId,
  };
  if (level === 'general') return base;
  const person = str(values['supervision.responsiblePerson.name']);
  const amount = str(values['supervision.funds.amount']);
  const officialId = str(values['supervision.official.userId']);
  const official = officials.find((o) => o.userId === officialId);
  return {
    ...base,
    category: str(values.category),
    supervision: {
      responsiblePerson: person
        ? {
            name: person,
            position: str(values['supervision.responsiblePerson.position']),
            mobile: str(values['supervision.responsiblePerson.mobile']),
          }
        : undefined,
      funds: amount ? { amount: Number(amount), source: str(values['supervision.funds.source']) } : undefined,
      contingencyPlan: str(values['supervision.contingencyPlan']),
      official: officialId ? { userId: officialId, name: official?.name ?? officialId } : undefined,
    },
  };
}

/** The API names a missing 五落实 item by its object; the form shows it beside that object's first input. */
const FIELD_OF: Record<string, string> = {
  'body.supervision.responsiblePerson': 'body.supervision.responsiblePerson.name',
  'body.supervision.funds': 'body.supervision.funds.amount',
  'body.supervision.official': 'body.supervision.official.userId',
};
export function toFormFields(error: unknown): unknown {
  if (!isProblem(error)) return error;
  return {
    status: error.status,
    title: error.title,
    detail: error.detail,
    fields: error.fields.map((f) => ({ ...f, field: FIELD_OF[f.field] ?? f.field })),
  };
}

/** The API's problem (an `ApiError`), read by its shape as the form toolkit reads it. */
interface Problem {
  readonly status: number;
  readonly title: string;
  readonly detail?: string | undefined;
  readonly fields: readonly { readonly field: string; readonly message: string }[];
}
const isProblem = (e: unknown): e is Problem =>
  typeof e === 'object' &&
  e !== null &&
  typeof (e as Problem).status === 'number' &&
  Array.isArray((e as Problem).fields);

export interface ViolationBody {
  readonly category?: string;
  readonly date?: string;
  readonly description?: string;
  readonly source: { readonly kind: 'inspection'; readonly id: string };
  /** The responsible key persons' ids, when any is named. */
  readonly responsiblePersons?: readonly string[];
}

export function violationBody(values: Readonly<Record<string, unknown>>, inspectionId: string): ViolationBody {
  const s = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : undefined);
  const persons = Array.isArray(values.responsiblePersons)
    ? values.responsiblePersons.filter((x): x is string => typeof x === 'string')
    : [];
  return {
    category: s(values.category),
    date: s(values.date),
    description: s(values.description),
    source: { kind: 'inspection', id: inspectionId },
    ...(persons.length ? { responsiblePersons: persons } : {}),
  };
}
