import type { LicenceStateEntry, LicenceValidity } from './vocabulary.ts';

/**
 * Whether a licence holds on a day, pure (the nightly review's engine and the licence view both ask): a licence is
 * valid up to and including its expiry date, expired from the day after, and suspended or revoked from the date of
 * an approved licence action against its number on.
 */

/** The profile's copy of a stored licence: its state entries for its own number only. */
export function validityOf(record: Record<string, unknown>): LicenceValidity {
  const number = record.number as string;
  const states = ((record.states as LicenceStateEntry[] | undefined) ?? []).filter((e) => e.number === number);
  return {
    number,
    issuedOn: record.issuedOn as string,
    expiresOn: record.expiresOn as string,
    ...(states.length ? { states } : {}),
  };
}

/** The entry that sets the licence's state on `date` (a revocation outlasts a suspension), or null when none does. */
export function licenceStateOn(validity: LicenceValidity, date: string): LicenceStateEntry | null {
  const applying = (validity.states ?? []).filter((e) => e.number === validity.number && e.from <= date);
  return applying.find((e) => e.state === 'revoked') ?? applying.at(-1) ?? null;
}

/** Expired on `date`: the day is after the expiry date (the expiry date itself is the licence's last valid day). */
export const isExpiredOn = (validity: Pick<LicenceValidity, 'expiresOn'>, date: string): boolean =>
  date > validity.expiresOn;
