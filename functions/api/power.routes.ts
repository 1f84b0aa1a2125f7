import * as z from 'zod/mini';
import '#lib/schemas/zod.ts';
import { ADMIN_ONLY, ANY_BUREAU, MINE_READERS } from '#lib/auth/role-groups.ts';
import { policyRoutes } from '#lib/http/policy-routes.ts';
import { defineRoute } from '#lib/http/route-spec.ts';
import { powerPreviewSchema } from '#lib/power/policy-preview.ts';
import { powerPolicy } from '#lib/power/power-policy.ts';
import {
  dayReviewsQuery,
  plannedRunSchema,
  powerReportSchema,
  readingSeriesSchema,
  readingsBody,
  readingsPostedSchema,
  readingsRangeQuery,
  reviewSchema,
  reviewsRangeQuery,
} from '#lib/power/schemas.ts';
import { notificationsQueue, powerReviewQueue } from '#lib/queue/queues.ts';
import { businessDateSchema, mineIdParams, pageOf } from '#lib/schemas/primitives.ts';
import type { FunctionNeeds } from '#lib/store/access-needs.ts';

const tag = 'power';
const dateParams = z.object({ date: businessDateSchema });
/** Readings come from the mine itself or from the bureau (an inspector) on site. */
const READING_WRITERS = ['inspector', 'mine_user'] as const;

export const powerRoutes = [
  defineRoute({
    operationId: 'postPowerReadings',
    createdStatus: 201,
    method: 'POST',
    path: '/v1/mines/{mineId}/power-readings',
    roles: READING_WRITERS,
    tag,
    summary: '报送日用电量 (up to 500 readings; a changed reading is a revision with a reason)',
    description:
      'A mine user’s readings are the mine’s own (source mine), an inspector’s are taken by the bureau on site ' +
      '(source bureau). Precedence grid > bureau > mine: where the grid company’s file (or, for a mine, the bureau) ' +
      'already recorded a meter and day, that value stays in force and a mine’s value is recorded beside it as its ' +
      'declaration (row kind declared; the review compares the two), while a bureau value under a grid one is ' +
      'refused. A changed value of your own is a revision and needs a reason.',
    params: mineIdParams,
    body: readingsBody,
    response: readingsPostedSchema,
  }),
  defineRoute({
    operationId: 'getPowerReadings',
    method: 'GET',
    path: '/v1/mines/{mineId}/power-readings',
    roles: MINE_READERS,
    tag,
    summary: '日用电量序列与基线带 (daily series for a chart)',
    params: mineIdParams,
    query: readingsRangeQuery,
    response: readingSeriesSchema,
  }),
  defineRoute({
    operationId: 'listMinePowerReviews',
    method: 'GET',
    path: '/v1/mines/{mineId}/power-reviews',
    roles: MINE_READERS,
    tag,
    summary: '本矿每日审查结果 (reviews, newest first)',
    params: mineIdParams,
    query: reviewsRangeQuery,
    response: z.object({ items: z.array(reviewSchema) }),
  }),
  defineRoute({
    operationId: 'listDayReviews',
    method: 'GET',
    path: '/v1/power-reviews/{date}/mines',
    roles: ANY_BUREAU,
    tag,
    summary: '当日各矿审查结果，含正常 (every mine’s review of the day; verdict filter)',
    params: dateParams,
    query: dayReviewsQuery,
    response: pageOf(reviewSchema),
  }),
  defineRoute({
    operationId: 'getPowerReport',
    method: 'GET',
    path: '/v1/power-reviews/{date}',
    roles: ANY_BUREAU,
    tag,
    summary: '辖区每日用电审查报告 (the daily report)',
    params: dateParams,
    response: powerReportSchema,
  }),
  defineRoute({
    operationId: 'runPowerReview',
    method: 'POST',
    path: '/v1/power-reviews/{date}/run',
    roles: ADMIN_ONLY,
    tag,
    summary: '重新运行某日审查 (run or re-run a day’s review for your jurisdiction)',
    description:
      'Goes through the queue; re-running a date changes nothing that was already right and opens no duplicate case.',
    params: dateParams,
    status: 202,
    response: plannedRunSchema,
  }),
  ...policyRoutes(powerPolicy, {
    id: 'Power',
    tag: 'policies',
    summary: '用电审查阈值 (the policy in force for your jurisdiction)',
    putSummary: '设定用电审查阈值 (a new version for your jurisdiction)',
    putDescription:
      'version is the version of your jurisdiction’s own policy you read (0 when it has none); thresholds not given keep their values in force.',
  }),
  defineRoute({
    operationId: 'previewPowerPolicy',
    method: 'POST',
    path: '/v1/policies/power-review/preview',
    roles: ADMIN_ONLY,
    tag: 'policies',
    summary: '预览用电审查阈值变更 (what the change would have changed over the last 30 days; nothing stored)',
    description:
      'The body is the PUT’s and is checked as the PUT checks it (400 naming the setting, 422 outside a guarded bound, 409 on a stale version). Every mine of your jurisdiction is reviewed on each of the 30 days up to yesterday (Asia/Shanghai) under the policy in force and under the policy with the change, from the same stored readings, register and review flags; the answer counts the mine-days whose verdict or findings change and lists them (at most 200, truncated says when more). A jurisdiction below yours with a policy of its own keeps it. Nothing is written.',
    body: powerPolicy.changeSchema,
    response: powerPreviewSchema,
  }),
] as const;

/** What this module's function may do in AWS (tests/unit/store/access-needs.test.ts checks it against the code). */
export const powerNeeds: FunctionNeeds = {
  table: { access: 'read-write', indexes: ['GSI1'] },
  sendsTo: [notificationsQueue.name, powerReviewQueue.name],
};
