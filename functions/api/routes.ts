import type { ApiModule, RouteSpec } from '#lib/http/route-spec.ts';
import { accidentRoutes } from './accidents.routes.ts';
import { blacklistRoutes } from './blacklist.routes.ts';
import { calendarRoutes } from './calendar.routes.ts';
import { caseRoutes } from './cases.routes.ts';
import { creditRoutes } from './credit.routes.ts';
import { evidenceRoutes } from './evidence.routes.ts';
import { hazardRoutes } from './hazards.routes.ts';
import { inspectionRoutes } from './inspections.routes.ts';
import { interviewRoutes } from './interviews.routes.ts';
import { legalReviewRoutes } from './legal-review.routes.ts';
import { meRoutes } from './me.routes.ts';
import { metaRoutes } from './meta.routes.ts';
import { mineRecordRoutes } from './mine-records.routes.ts';
import { mineRoutes } from './mines.routes.ts';
import { notificationRoutes } from './notifications.routes.ts';
import { penaltyRoutes } from './penalties.routes.ts';
import { powerRoutes } from './power.routes.ts';
import { powerImportRoutes } from './power-imports.routes.ts';
import { publicBlacklistRoutes } from './public-blacklist.routes.ts';
import { userRoutes } from './users.routes.ts';
import { violationRoutes } from './violations.routes.ts';

/**
 * The route table: every API route, grouped by the handler module (one Lambda function each) that serves it.
 * CDK builds the HTTP API from it, the local runtime routes requests with it, and /openapi.json documents it.
 */
export const API_MODULES: readonly ApiModule[] = [
  { module: 'meta', routes: metaRoutes },
  { module: 'mines', routes: mineRoutes },
  { module: 'mine-records', routes: mineRecordRoutes },
  { module: 'power', routes: powerRoutes },
  { module: 'power-imports', routes: powerImportRoutes },
  { module: 'cases', routes: caseRoutes },
  { module: 'hazards', routes: hazardRoutes },
  { module: 'penalties', routes: penaltyRoutes },
  { module: 'violations', routes: violationRoutes },
  { module: 'inspections', routes: inspectionRoutes },
  { module: 'accidents', routes: accidentRoutes },
  { module: 'interviews', routes: interviewRoutes },
  { module: 'evidence', routes: evidenceRoutes },
  { module: 'credit', routes: creditRoutes },
  { module: 'blacklist', routes: blacklistRoutes },
  { module: 'public-blacklist', routes: publicBlacklistRoutes },
  { module: 'legal-review', routes: legalReviewRoutes },
  { module: 'notifications', routes: notificationRoutes },
  { module: 'me', routes: meRoutes },
  { module: 'calendar', routes: calendarRoutes },
  { module: 'users', routes: userRoutes },
];

export const ALL_ROUTES: readonly RouteSpec[] = API_MODULES.flatMap((m) => m.routes);
