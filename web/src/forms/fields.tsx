import type { ComponentChildren } from 'preact';
import type { FormValue } from './errors.ts';
import type { FormState } from './use-form.ts';

/**
 * The inputs of a form: each with its label (for=), hint, required mark, and the API's message for it beside it
 * (aria-invalid, aria-describedby). `data-testid` is `<testid>-<name>` on the control and `<testid>-<name>-error`
 * on its message, `testid` being the Form's.
 */
export interface FieldProps {
  readonly form: FormState;
  /** The body's name of the value: `note`, `limits.majorFineYuan`. */
  readonly name: string;
  readonly label: string;
  readonly hint?: string;
  readonly required?: boolean;
  /** Prefix of the ids and test ids (the Form's `id`). */
  readonly idPrefix?: string;
}

function useField(props: FieldProps) {
  props.form.register(props.name);
  const id = `${props.idPrefix ?? 'f'}-${props.name.replace(/\W+/g, '-')}`;
  const message = props.form.problems.byField[props.name];
  const described = [props.hint ? `${id}-hint` : '', message ? `${id}-error` : ''].filter(Boolean).join(' ');
  const aria = {
    id,
    name: props.name,
    'data-testid': id,
    'aria-invalid': message ? ('true' as const) : undefined,
    'aria-describedby': described || undefined,
    'aria-required': props.required ? ('true' as const) : undefined,
  };
  return { id, message, aria };
}

function Frame(props: FieldProps & { id: string; message: string | undefined; children: ComponentChildren }) {
  return (
    <div class={`fk-field${props.message ? ' fk-invalid' : ''}`}>
      <label for={props.id} class="fk-label">
        {props.label}
        {props.required ? (
          <span class="fk-required" title="必填">
            *<span class="fk-sr">（必填）</span>
          </span>
        ) : null}
      </label>
      {props.children}
      {props.hint ? (
        <div class="fk-hint" id={`${props.id}-hint`}>
          {props.hint}
        </div>
      ) : null}
      {props.message ? (
        <div class="fk-error" id={`${props.id}-error`} data-testid={`${props.id}-error`}>
          {props.message}
        </div>
      ) : null}
    </div>
  );
}

const text = (v: FormValue | undefined) => (typeof v === 'string' ? v : '');
const inputValue = (e: Event) => (e.currentTarget as HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement).value;

export function TextField(props: FieldProps & { placeholder?: string; maxLength?: number }) {
  const { id, message, aria } = useField(props);
  return (
    <Frame {...props} id={id} message={message}>
      <input
        {...aria}
        type="text"
        class="fk-input"
        value={text(props.form.values[props.name])}
        placeholder={props.placeholder}
        maxLength={props.maxLength}
        onInput={(e) => props.form.set(props.name, inputValue(e))}
      />
    </Frame>
  );
}

export function TextareaField(props: FieldProps & { rows?: number; maxLength?: number }) {
  const { id, message, aria } = useField(props);
  return (
    <Frame {...props} id={id} message={message}>
      <textarea
        {...aria}
        class="fk-input"
        rows={props.rows ?? 3}
        maxLength={props.maxLength}
        value={text(props.form.values[props.name])}
        onInput={(e) => props.form.set(props.name, inputValue(e))}
      />
    </Frame>
  );
}

/** A number typed as text (inputmode decimal) and sent as a number by the page's `send`: `Number(body.x)`. */
export function NumberField(props: FieldProps & { min?: number; max?: number; step?: number; unit?: string }) {
  const { id, message, aria } = useField(props);
  return (
    <Frame {...props} id={id} message={message}>
      <span class="fk-with-unit">
        <input
          {...aria}
          type="number"
          inputMode="decimal"
          class="fk-input"
          min={props.min}
          max={props.max}
          step={props.step}
          value={text(props.form.values[props.name])}
          onInput={(e) => props.form.set(props.name, inputValue(e))}
        />
        {props.unit ? <span class="fk-unit">{props.unit}</span> : null}
      </span>
    </Frame>
  );
}

export function DateField(props: FieldProps & { min?: string; max?: string }) {
  const { id, message, aria } = useField(props);
  return (
    <Frame {...props} id={id} message={message}>
      <input
        {...aria}
        type="date"
        class="fk-input"
        min={props.min}
        max={props.max}
        value={text(props.form.values[props.name])}
        onInput={(e) => props.form.set(props.name, inputValue(e))}
      />
    </Frame>
  );
}

export interface Option {
  readonly value: string;
  readonly label: string;
}

export function SelectField(props: FieldProps & { options: readonly Option[]; placeholder?: string }) {
  const { id, message, aria } = useField(props);
  return (
    <Frame {...props} id={id} message={message}>
      <select
        {...aria}
        class="fk-input"
        value={text(props.form.values[props.name])}
        onChange={(e) => props.form.set(props.name, inputValue(e))}
      >
        {props.placeholder !== undefined ? <option value="">{props.placeholder}</option> : null}
        {props.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </Frame>
  );
}

/** Several choices sent as a list of their values. */
export function CheckboxGroupField(props: FieldProps & { options: readonly Option[] }) {
  props.form.register(props.name);
  const id = `${props.idPrefix ?? 'f'}-${props.name.replace(/\W+/g, '-')}`;
  const message = props.form.problems.byField[props.name];
  const raw = props.form.values[props.name];
  const chosen: readonly string[] = Array.isArray(raw) ? raw : [];
  return (
    <fieldset
      class={`fk-field fk-group${message ? ' fk-invalid' : ''}`}
      data-testid={id}
      aria-invalid={message ? 'true' : undefined}
      aria-describedby={
        [props.hint ? `${id}-hint` : '', message ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined
      }
    >
      <legend class="fk-label">
        {props.label}
        {props.required ? (
          <span class="fk-required">
            *<span class="fk-sr">（必填）</span>
          </span>
        ) : null}
      </legend>
      <div class="fk-choices">
        {props.options.map((o) => (
          <label key={o.value} class="fk-choice">
            <input
              type="checkbox"
              value={o.value}
              checked={chosen.includes(o.value)}
              onChange={(e) =>
                props.form.set(
                  props.name,
                  (e.currentTarget as HTMLInputElement).checked
                    ? [...chosen, o.value]
                    : chosen.filter((x) => x !== o.value),
                )
              }
            />
            <span>{o.label}</span>
          </label>
        ))}
      </div>
      {props.hint ? (
        <div class="fk-hint" id={`${id}-hint`}>
          {props.hint}
        </div>
      ) : null}
      {message ? (
        <div class="fk-error" id={`${id}-error`} data-testid={`${id}-error`}>
          {message}
        </div>
      ) : null}
    </fieldset>
  );
}

/** The form's error box: the API's title and detail, and the fields no input of the form shows. */
export function FormErrors(props: { form: FormState; testid?: string }) {
  const box = props.form.problems.box;
  if (!box) return null;
  return (
    <div class="fk-errors" role="alert" data-testid={props.testid ?? 'form-errors'}>
      <strong>{box.title}</strong>
      {box.detail ? <div>{box.detail}</div> : null}
      {box.fields.length ? (
        <ul>
          {box.fields.map((f) => (
            <li key={f.field}>
              {f.field}：{f.message}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

/**
 * The submit button: disabled and saying so while the request runs (`disabled` also while another form of the
 * record is sending). With `extra`, those values go with the form's own (an action's name, the record's version).
 */
export function SubmitButton(props: {
  form: FormState;
  label: string;
  busyLabel?: string;
  testid?: string;
  danger?: boolean;
  disabled?: boolean;
  extra?: Record<string, unknown>;
}) {
  return (
    <button
      type={props.extra ? 'button' : 'submit'}
      class={`btn ${props.danger ? 'btn-danger' : 'btn-primary'} fk-submit`}
      data-testid={props.testid}
      disabled={props.form.busy || props.disabled}
      aria-busy={props.form.busy ? 'true' : undefined}
      onClick={props.extra ? () => void props.form.submit(props.extra) : undefined}
    >
      {props.form.busy ? (props.busyLabel ?? '正在提交…') : props.label}
    </button>
  );
}

/** What the last submission came to, read out by screen readers. */
export function FormSuccess(props: { form: FormState; testid?: string }) {
  return (
    <div class="fk-success" role="status" data-testid={props.testid ?? 'form-success'}>
      {props.form.done ?? ''}
    </div>
  );
}

/** The form element: Enter in a text input submits, the browser's own checks are off (the API's messages show). */
export function Form(props: { form: FormState; testid?: string; class?: string; children: ComponentChildren }) {
  const onSubmit = (e: Event) => {
    e.preventDefault();
    void props.form.submit();
  };
  return (
    <form class={`fk-form ${props.class ?? ''}`} data-testid={props.testid} noValidate onSubmit={onSubmit}>
      {props.children}
    </form>
  );
}
