/**
 * The API's problem+json as a form shows it: each field's message beside its input (`body.x.y` → `x.y`), the rest
 * (title, detail, fields no input shows) in the form's error box. Pure, so the mapping is tested on its own.
 */
export interface ProblemField {
  readonly field: string;
  readonly message: string;
}
/** What `ApiError` (../api.ts) carries; read by shape, so this file stays free of the browser's session. */
export interface Problem {
  readonly status: number;
  readonly title: string;
  readonly detail?: string | undefined;
  readonly fields: readonly ProblemField[];
}
const isProblem = (e: unknown): e is Problem =>
  typeof e === 'object' &&
  e !== null &&
  typeof (e as Problem).status === 'number' &&
  typeof (e as Problem).title === 'string' &&
  Array.isArray((e as Problem).fields);

export interface FormProblems {
  /** The message for each input the form shows, by its name. */
  readonly byField: Readonly<Record<string, string>>;
  /** The box above the submit button: null when there is nothing for it. */
  readonly box: { readonly title: string; readonly detail?: string; readonly fields: readonly ProblemField[] } | null;
}

export const NO_PROBLEMS: FormProblems = { byField: {}, box: null };

/** `body.decisionNo` → `decisionNo`, `body.limits.majorFineYuan` → `limits.majorFineYuan`; other places as they are. */
export function fieldName(apiField: string): string {
  return apiField.startsWith('body.') ? apiField.slice('body.'.length) : apiField;
}

const CHINESE = /[\u4e00-\u9fff]/;

/**
 * A field's message in words the officer reads: the API's Chinese message as it is; an English one (meant for a
 * developer) as 此项必填 when it says the value is missing, else under a Chinese lead with the API's words kept.
 */
export function readableMessage(message: string): string {
  if (CHINESE.test(message)) return message;
  if (/\brequired\b/i.test(message)) return '此项必填';
  return `此项有误（${message}）`;
}

/** Why a request failed, for the form whose inputs are `shown`. */
export function formProblems(error: unknown, shown: readonly string[]): FormProblems {
  if (!error) return NO_PROBLEMS;
  if (!isProblem(error)) {
    const title =
      error instanceof TypeError
        ? '网络错误：无法连接服务器，请检查网络后重试'
        : (error as Error)?.message || String(error);
    return { byField: {}, box: { title, fields: [] } };
  }
  const byField: Record<string, string> = {};
  const rest: ProblemField[] = [];
  for (const f of error.fields) {
    const name = fieldName(f.field);
    if (shown.includes(name))
      byField[name] = byField[name] ? `${byField[name]}；${readableMessage(f.message)}` : readableMessage(f.message);
    // A body field no input shows is listed; another place (`principal`, the four-eyes rule) in a developer's
    // English is left out: the problem's Chinese title and detail say it.
    else if (f.field.startsWith('body.') || CHINESE.test(f.message))
      rest.push({ field: name, message: readableMessage(f.message) });
  }
  // Every problem shown beside its input: the box says where to look instead of the API's list of field paths (a
  // screen reader still hears why the form came back).
  if (rest.length === 0 && Object.keys(byField).length > 0)
    return { byField, box: { title: error.title, detail: '请按标出的提示更正后再提交。', fields: [] } };
  const detail = error.detail ?? statusHint(error.status);
  return { byField, box: { title: error.title, ...(detail ? { detail } : {}), fields: rest } };
}

function statusHint(status: number): string | undefined {
  if (status === 403) return '您的角色不能执行此操作。';
  if (status === 404) return '记录不存在，或不在您的管辖范围内。';
  if (status === 409) return '数据已被他人修改，请刷新后重试。';
  return undefined;
}

/** The values a form sends: text trimmed, empty text and empty lists left out, booleans as they are. */
export type FormValue = string | boolean | readonly string[];
export function cleanValues(values: Readonly<Record<string, FormValue | undefined>>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(values)) {
    if (typeof value === 'string') {
      const t = value.trim();
      if (t) out[name] = t;
    } else if (Array.isArray(value)) {
      if (value.length) out[name] = [...value];
    } else if (value !== undefined) out[name] = value;
  }
  return out;
}

/**
 * The Idempotency-Key of a submission: the same key while the same body is sent again (a retry after a lost answer),
 * a new one once the body differs or the last one succeeded.
 */
export class SubmissionKeys {
  private last: { body: string; key: string } | undefined;
  constructor(private readonly newKey: () => string = () => crypto.randomUUID()) {}
  keyFor(body: unknown): string {
    const json = JSON.stringify(body);
    if (this.last?.body !== json) this.last = { body: json, key: this.newKey() };
    return this.last.key;
  }
  /** The submission went through: the next one is a new submission. */
  succeeded(): void {
    this.last = undefined;
  }
}
