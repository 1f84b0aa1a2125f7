import { label, type Tone, toneOf } from '../labels.ts';

/** A coloured status label: the colour from the code (`producing`, `D`, `overdue`…), the text as given or looked up. */
export function Badge(props: {
  code?: string | null;
  text?: string;
  labels?: Record<string, string>;
  tone?: Tone;
  testid?: string;
}) {
  const text = props.text ?? (props.labels ? label(props.labels, props.code) : (props.code ?? ''));
  if (!text) return null;
  return (
    <span class={`badge badge-${props.tone ?? toneOf(props.code)}`} data-testid={props.testid}>
      {text}
    </span>
  );
}
