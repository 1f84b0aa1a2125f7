/** The geometry of a sparkline (./sparkline.tsx), a pure function of the values and the box. */
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
