/**
 * A sparkline: one small line of the last days' values, drawn as SVG (one per row of a ranking table, so no chart
 * library per row). Days with no value leave a gap; the last value is marked.
 */
export interface SparklineGeometry {
  /** One polyline's points (`x,y x,y …`) per run of days with values. */
  readonly runs: readonly string[];
  readonly last: { readonly x: number; readonly y: number } | null;
}

/** Where the line goes in a `width` × `height` box: 0 at the bottom, the largest value (at least 1) at the top. */
export function sparklineGeometry(
  values: readonly (number | null | undefined)[],
  width: number,
  height: number,
): SparklineGeometry {
  const max = Math.max(1, ...values.map((v) => v ?? 0));
  const step = values.length > 1 ? (width - 4) / (values.length - 1) : 0;
  const x = (i: number) => Number((2 + i * step).toFixed(1));
  const y = (v: number) => Number((height - 2 - (v / max) * (height - 4)).toFixed(1));
  const runs: string[][] = [[]];
  values.forEach((v, i) => {
    if (v == null) runs.push([]);
    else runs.at(-1)!.push(`${x(i)},${y(v)}`);
  });
  const lastIndex = values.length - 1;
  const lastValue = values[lastIndex];
  return {
    runs: runs.filter((r) => r.length > 0).map((r) => r.join(' ')),
    last: lastValue == null ? null : { x: x(lastIndex), y: y(lastValue) },
  };
}

export function Sparkline(props: {
  readonly values: readonly (number | null | undefined)[];
  readonly label: string;
  readonly width?: number;
  readonly height?: number;
  readonly testid?: string;
}) {
  const w = props.width ?? 120;
  const h = props.height ?? 24;
  const g = sparklineGeometry(props.values, w, h);
  return (
    <svg
      class="sparkline"
      width={w}
      height={h}
      viewBox={`0 0 ${w} ${h}`}
      role="img"
      aria-label={props.label}
      data-testid={props.testid}
      data-points={props.values.length}
    >
      <title>{props.label}</title>
      {g.runs.map((points) => (
        <polyline key={points} points={points} fill="none" stroke="currentColor" stroke-width="1.5" />
      ))}
      {g.last ? <circle cx={g.last.x} cy={g.last.y} r="2" fill="currentColor" /> : null}
    </svg>
  );
}
