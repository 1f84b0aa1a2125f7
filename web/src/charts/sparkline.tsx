/**
 * A sparkline: one small line of the last days' values, drawn as SVG (one per row of a ranking table, so no chart
 * library per row). Days with no value leave a gap; the last value is marked.
 */
export function Sparkline(props: {
  readonly values: readonly (number | null | undefined)[];
  readonly label: string;
  readonly width?: number;
  readonly height?: number;
  readonly testid?: string;
}) {
  const w = props.width ?? 120;
  const h = props.height ?? 24;
  const values = props.values;
  const max = Math.max(1, ...values.map((v) => v ?? 0));
  const step = values.length > 1 ? (w - 4) / (values.length - 1) : 0;
  const x = (i: number) => 2 + i * step;
  const y = (v: number) => h - 2 - (v / max) * (h - 4);
  const points = values.map((v, i) => (v == null ? null : `${x(i).toFixed(1)},${y(v).toFixed(1)}`));
  const runs: string[][] = [[]];
  for (const p of points) {
    if (p === null) runs.push([]);
    else runs.at(-1)!.push(p);
  }
  const lastIndex = values.length - 1;
  const last = values[lastIndex];
  return (
    <svg
      class="sparkline"
      width={w}
      height={h}
      viewBox={`0 0 ${w} ${h}`}
      role="img"
      aria-label={props.label}
      data-testid={props.testid}
      data-points={values.length}
    >
      <title>{props.label}</title>
      {runs
        .filter((r) => r.length > 0)
        .map((r) => (
          <polyline key={r[0]} points={r.join(' ')} fill="none" stroke="currentColor" stroke-width="1.5" />
        ))}
      {last != null ? <circle cx={x(lastIndex)} cy={y(last)} r="2" fill="currentColor" /> : null}
    </svg>
  );
}
