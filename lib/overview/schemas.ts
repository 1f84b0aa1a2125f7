import * as z from 'zod/mini';
import '#lib/schemas/zod.ts';
import { describe, jurisdictionSchema } from '#lib/schemas/primitives.ts';
import { FIGURE_KEYS, FIGURE_LABELS } from './vocabulary.ts';

/** The overview's request and answer; the OpenAPI document is generated from these. */
export const overviewQuery = z.strictObject({
  jurisdiction: describe(z.optional(jurisdictionSchema), {
    description: 'The jurisdiction to show, at or below your own; yours when omitted.',
  }),
});

const count = z.number().check(z.minimum(0));
export const figuresSchema = describe(
  z.object(
    Object.fromEntries(FIGURE_KEYS.map((k) => [k, describe(count, { description: FIGURE_LABELS[k] })])) as Record<
      (typeof FIGURE_KEYS)[number],
      typeof count
    >,
  ),
  { description: 'Counts, and fines in yuan; a jurisdiction’s are the sums of its children’s.' },
);

export const seriesSchema = describe(
  z.object({
    dates: z.array(z.string()),
    reviewed: z.array(count),
    anomalies: z.array(count),
    casesOpen: describe(z.array(z.nullable(count)), { description: 'null before the figures were first computed.' }),
  }),
  { description: 'The last 90 days, one value per date (parallel arrays), for sparklines.' },
);

export const overviewRowSchema = z.object({
  kind: z.enum(['jurisdiction', 'mine']),
  key: describe(z.string(), { description: 'The child jurisdiction’s path, or the mine’s id.' }),
  name: z.string(),
  figures: figuresSchema,
  series: seriesSchema,
});

export const overviewSchema = z.object({
  path: jurisdictionSchema,
  name: z.string(),
  level: z.enum(['province', 'city', 'district']),
  parents: describe(z.array(z.object({ path: z.string(), name: z.string() })), {
    description: 'The jurisdictions above it that you may open (a breadcrumb), top first.',
  }),
  date: z.string(),
  reviewDate: z.string(),
  asOf: describe(z.string(), { description: 'When the figures were computed (refreshed every 5 minutes).' }),
  figures: figuresSchema,
  series: seriesSchema,
  children: z.array(overviewRowSchema),
});
export type OverviewAnswer = z.infer<typeof overviewSchema>;
