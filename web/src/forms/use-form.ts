import { useRef, useState } from 'preact/hooks';
import { api } from '../api.ts';
import { cleanValues, type FormProblems, type FormValue, formProblems, NO_PROBLEMS, SubmissionKeys } from './errors.ts';

/**
 * A form's state: its values, busy while the request runs, the API's problems mapped to its inputs, the success text.
 *
 *   const form = useForm({
 *     initial: { decisionNo: '' },
 *     send: (body, headers) => api.post(`/v1/penalties/${id}/actions`, { action: 'approve', version, ...body }, headers),
 *     success: '已审核通过',
 *     idempotent: false,          // true: every submission carries an Idempotency-Key, the same one on a retry
 *     onDone: reload,
 *   });
 *   <Form form={form}> <TextField form={form} name="decisionNo" label="决定书文号" required /> <SubmitButton … /> </Form>
 */
export interface FormOptions<R> {
  readonly initial: Readonly<Record<string, FormValue>>;
  /** Sends the cleaned values (text trimmed, empty left out); `headers` holds the Idempotency-Key when asked for. */
  readonly send: (body: Record<string, unknown>, headers: Record<string, string>) => Promise<R>;
  /** Shown after a success (role="status"). */
  readonly success?: string;
  readonly idempotent?: boolean;
  readonly onDone?: (result: R) => void;
}

export interface FormState {
  readonly values: Readonly<Record<string, FormValue>>;
  readonly set: (name: string, value: FormValue) => void;
  readonly busy: boolean;
  readonly problems: FormProblems;
  readonly done: string | undefined;
  /** The names of the inputs the form shows: problems of other fields go to the error box. */
  readonly register: (name: string) => void;
  readonly submit: (extra?: Record<string, unknown>) => Promise<void>;
}

export function useForm<R>(options: FormOptions<R>): FormState {
  const [values, setValues] = useState<Record<string, FormValue>>({ ...options.initial });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const [done, setDone] = useState<string>();
  const keys = useRef(new SubmissionKeys());
  const shown = useRef(new Set<string>());
  const sending = useRef(false);

  const submit = async (extra: Record<string, unknown> = {}) => {
    if (sending.current) return;
    sending.current = true;
    setBusy(true);
    setError(undefined);
    setDone(undefined);
    const body = { ...cleanValues(values), ...extra };
    const headers: Record<string, string> = options.idempotent ? { 'Idempotency-Key': keys.current.keyFor(body) } : {};
    try {
      const result = await options.send(body, headers);
      keys.current.succeeded();
      setDone(options.success ?? '已提交');
      options.onDone?.(result);
    } catch (e) {
      setError(e);
    } finally {
      sending.current = false;
      setBusy(false);
    }
  };
  return {
    values,
    set: (name, value) => setValues((v) => ({ ...v, [name]: value })),
    busy,
    problems: error ? formProblems(error, [...shown.current]) : NO_PROBLEMS,
    done,
    register: (name) => {
      shown.current.add(name);
    },
    submit,
  };
}

/** `api.post` with the toolkit's headers: the usual `send` of a form. */
export const postForm =
  <R>(path: string, fixed: Record<string, unknown> = {}) =>
  (body: Record<string, unknown>, headers: Record<string, string>) =>
    api.post<R>(path, { ...fixed, ...body }, headers);
