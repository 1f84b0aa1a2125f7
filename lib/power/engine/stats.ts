/**
 * Robust statistics over a handful of daily values (a 28-day window at most): median, median absolute deviation and
 * mean. Values arrive in a reused scratch array with a count; sorting that prefix in place (insertion sort, which is
 * the fastest for so few numbers) keeps a review from allocating.
 */

const sortPrefix = (xs: number[], count: number): void => {
  for (let i = 1; i < count; i++) {
    const x = xs[i]!;
    let j = i - 1;
    while (j >= 0 && xs[j]! > x) {
      xs[j + 1] = xs[j]!;
      j--;
    }
    xs[j + 1] = x;
  }
};

/** Median of the first `count` values of `xs`; sorts that prefix in place. NaN when count is 0. */
export const medianInPlace = (xs: number[], count: number): number => {
  if (count === 0) return Number.NaN;
  sortPrefix(xs, count);
  const mid = count >> 1;
  return count % 2 === 1 ? xs[mid]! : (xs[mid - 1]! + xs[mid]!) / 2;
};

/** Median absolute deviation of the first `count` values around `median`; overwrites that prefix. */
export const madInPlace = (xs: number[], count: number, median: number): number => {
  for (let i = 0; i < count; i++) xs[i] = Math.abs(xs[i]! - median);
  return medianInPlace(xs, count);
};

export const meanOf = (xs: readonly number[], count: number): number => {
  if (count === 0) return Number.NaN;
  let sum = 0;
  for (let i = 0; i < count; i++) sum += xs[i]!;
  return sum / count;
};
