/** A labelled drop-down filter; the empty value means 全部. */
export function Select(props: {
  label: string;
  value: string;
  options: readonly (readonly [string, string])[];
  onChange: (value: string) => void;
  testid?: string;
  all?: string | false;
}) {
  return (
    <label class="filter">
      <span>{props.label}</span>
      <select
        value={props.value}
        data-testid={props.testid}
        onChange={(e) => props.onChange((e.currentTarget as HTMLSelectElement).value)}
      >
        {props.all === false ? null : <option value="">{props.all ?? '全部'}</option>}
        {props.options.map(([value, text]) => (
          <option key={value} value={value}>
            {text}
          </option>
        ))}
      </select>
    </label>
  );
}

/** The options of a select from a label map, in the map's order. */
export const optionsOf = (
  labels: Record<string, string>,
  codes: readonly string[] = Object.keys(labels),
): [string, string][] => codes.map((c) => [c, labels[c] ?? c]);
