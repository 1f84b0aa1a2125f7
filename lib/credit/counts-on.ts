import { addMonths } from '#lib/validators/business-date.ts';

/** Does a record dated `date` with a window of `months` still count on `asOf`? */
export const countsOn = (date: string, months: number, asOf: string): boolean =>
  date <= asOf && asOf < addMonths(date, months);
