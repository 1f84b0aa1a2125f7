import { sparklineGeometry } from './sparkline-data.ts';

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
