import { todayShanghai } from '../format.ts';

export interface PeriodFieldProps {
  readonly label: string;
  readonly value: string;
  readonly testid: string;
  /** A year (2026) as well as a month (2026-11). */
  readonly yearToo?: boolean;
  /** Each keystroke (a form that asks on submit). */
  readonly onInput?: (value: string) => void;
  /** The value once typed (Enter or leaving the field), trimmed: a list that asks at once. */
  readonly onChange?: (value: string) => void;
}

/**
 * A statistics period typed as the API takes it: a month `YYYY-MM`, or where `yearToo` also a year `YYYY`. The label
 * sits beside the field, so in a row with a button all three line up, on a phone as on a desk.
 */
export function PeriodField(props: PeriodFieldProps) {
  const month = todayShanghai().slice(0, 7);
  return (
    <label class="field-inline">
      <span>{props.label}</span>
      <input
        class="fk-input"
        data-testid={props.testid}
        value={props.value}
        size={8}
        style={{ width: '8em' }}
        inputMode="numeric"
        placeholder={props.yearToo ? `${month} 或 ${month.slice(0, 4)}` : month}
        onInput={props.onInput ? (e) => props.onInput?.((e.currentTarget as HTMLInputElement).value) : undefined}
        onChange={
          props.onChange ? (e) => props.onChange?.((e.currentTarget as HTMLInputElement).value.trim()) : undefined
        }
      />
    </label>
  );
}
