/**
 * 申报与供电数据不符: a mine's own declaration for a meter and day differs from the grid company's (or the bureau's)
 * reading in force by more than the policy's tolerance, a share of the reading in force. Declaring less than the meter
 * drew hides production, so any under-declared meter makes the finding high (and opens a case); a day only
 * over-declared is medium. One finding naming every such meter; measured, threshold and baseline sum the meters of
 * the direction that sets the severity: what they declared, the bar they crossed, and the readings in force.
 */
import type { Declaration } from '../../types.ts';
import { type DeclarationLine, declarationMismatchMessage } from '../messages.ts';
import { makeFinding, type Rule } from './context.ts';

interface Off {
  readonly d: Declaration;
  readonly under: boolean;
  readonly bar: number;
}

/** The declaration's bar: the reading in force less (under) or plus (over) the tolerance's share of it. */
const offBy = (d: Declaration, tolerance: number): Off | null => {
  const allowed = tolerance * d.inForceKwh;
  if (d.declaredKwh < d.inForceKwh - allowed) return { d, under: true, bar: d.inForceKwh - allowed };
  if (d.declaredKwh > d.inForceKwh + allowed) return { d, under: false, bar: d.inForceKwh + allowed };
  return null;
};

export const declarationMismatch: Rule = ({ input, policy }) => {
  const tolerance = policy.declarationTolerance;
  const off = (input.declarations ?? [])
    .filter((d) => d.date === input.date)
    .map((d) => offBy(d, tolerance))
    .filter((o): o is Off => o !== null)
    .sort((a, b) => Number(b.under) - Number(a.under) || (a.d.meterId < b.d.meterId ? -1 : 1));
  if (off.length === 0) return null;
  const under = off[0]!.under;
  const counted = off.filter((o) => o.under === under);
  const sum = (f: (o: Off) => number) => counted.reduce((s, o) => s + f(o), 0);
  // The baseline names the highest source among the counted meters' readings (the grid's over the bureau's).
  const source = counted.some((o) => o.d.inForceSource === 'grid') ? 'grid' : 'bureau';
  const lines: DeclarationLine[] = off.map(({ d }) => ({
    meterId: d.meterId,
    date: d.date,
    declared: d.declaredKwh,
    inForce: d.inForceKwh,
    source: d.inForceSource,
  }));
  return makeFinding({
    rule: 'DECLARATION_MISMATCH',
    severity: under ? 'high' : 'medium',
    unit: 'kWh',
    measured: sum((o) => o.d.declaredKwh),
    threshold: sum((o) => o.bar),
    baseline: { name: 'inForceKwh', value: sum((o) => o.d.inForceKwh), source },
    message: declarationMismatchMessage({ lines, tolerance }),
  });
};
