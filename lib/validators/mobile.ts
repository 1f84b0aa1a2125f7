/**
 * Mainland China mobile numbers: where reminders go by SMS, and personal data shown masked in lists and logs.
 */

export const MOBILE_RE = /^1[3-9]\d{9}$/;

/**
 * Trims, drops spaces and hyphens people type as separators (`138 0000 0000`, `138-0000-0000`) and a leading
 * country code (`+86`, `0086`). The result is what gets stored; it still has to pass {@link isMobile}.
 */
export const normalizeMobile = (raw: string): string => {
  const compact = raw.trim().replace(/[\s-]/g, '');
  return compact.replace(/^(?:\+86|0086)(?=1\d{10}$)/, '');
};

/** True for an 11-digit mainland mobile number (already normalized). */
export const isMobile = (value: string): boolean => MOBILE_RE.test(value);

/** `138****0000`: keeps the first 3 and last 4 digits. Anything not 11 characters long is masked completely. */
export const maskMobile = (mobile: string): string => {
  const s = normalizeMobile(mobile);
  if (s.length !== 11) return '*'.repeat(s.length);
  return `${s.slice(0, 3)}****${s.slice(7)}`;
};
