/**
 * No personal data in a log line, whatever a message or an error carries: every run shaped like a resident ID
 * (17 digits and a check character) keeps only its region code and last four, a mainland mobile number its first
 * three and last four digits, an email address its first character and domain. The logger runs every string of
 * every line through it (see ./powertools.ts), so an error that quotes a stored item, a URL with an ID in its query
 * or a message naming an address is masked before it is written.
 */
const RESIDENT_ID = /(?<![0-9])(\d{6})\d{8}(\d{3}[\dXx])(?![0-9Xx])/g;
const MOBILE = /(?<![0-9])(?:\+86|0086)?(1[3-9]\d)\d{4}(\d{4})(?![0-9])/g;
const EMAIL = /(?<![A-Za-z0-9._%+-])([A-Za-z0-9])[A-Za-z0-9._%+-]*@((?:[A-Za-z0-9-]+\.)+[A-Za-z]{2,})/g;

export const redactPersonalData = (text: string): string =>
  text.replace(RESIDENT_ID, '$1********$2').replace(MOBILE, '$1****$2').replace(EMAIL, '$1***@$2');

/** A JSON.stringify replacer that redacts every string value (keys are the code's, not a person's). */
export const redactingReplacer = (_key: string, value: unknown): unknown =>
  typeof value === 'string' ? redactPersonalData(value) : value;
