import type { ApiModule, RouteSpec } from '#lib/http/route-spec.ts';
import { acceptanceRoutes, acceptancesNeeds } from './acceptances.routes.ts';
import { accidentRoutes, accidentsNeeds } from './accidents.routes.ts';
import { blacklistNeeds, blacklistRoutes } from './blacklist.routes.ts';
import { calendarNeeds, calendarRoutes } from './calendar.routes.ts';
import { caseRoutes, casesNeeds } from './cases.routes.ts';
import { creditNeeds, creditRoutes } from './credit.routes.ts';
import { directiveRoutes, directivesNeeds } from './directives.routes.ts';
import { disclosureRoutes, disclosuresNeeds } from './disclosures.routes.ts';
import { enforcementPlanRoutes, enforcementPlansNeeds } from './enforcement-plans.routes.ts';
import { evidenceNeeds, evidenceRoutes } from './evidence.routes.ts';
import { hazardRoutes, hazardsNeeds } from './hazards.routes.ts';
import { inspectionRoutes, inspectionsNeeds } from './inspections.routes.ts';
import { interviewRoutes, interviewsNeeds } from './interviews.routes.ts';
import { legalReviewNeeds, legalReviewRoutes } from './legal-review.routes.ts';
import { meNeeds, meRoutes } from './me.routes.ts';
import { metaNeeds, metaRoutes } from './meta.routes.ts';
import { mineRecordRoutes, mineRecordsNeeds } from './mine-records.routes.ts';
import { mineRoutes, minesNeeds } from './mines.routes.ts';
import { monitoringNeeds, monitoringRoutes } from './monitoring.routes.ts';
import { notificationRoutes, notificationsNeeds } from './notifications.routes.ts';
import { overviewNeeds, overviewRoutes } from './overview.routes.ts';
import { penaltiesNeeds, penaltyRoutes } from './penalties.routes.ts';
import { personRoutes, personsNeeds } from './persons.routes.ts';
import { powerNeeds, powerRoutes } from './power.routes.ts';
import { powerImportRoutes, powerImportsNeeds } from './power-imports.routes.ts';
import { publicBlacklistNeeds, publicBlacklistRoutes } from './public-blacklist.routes.ts';
import { publicDisclosureRoutes, publicDisclosuresNeeds } from './public-disclosures.routes.ts';
import { publicTipoffRoutes, publicTipoffsNeeds } from './public-tipoffs.routes.ts';
import { reportRoutes, reportsNeeds } from './reports.routes.ts';
import { tipoffRoutes, tipoffsNeeds } from './tipoffs.routes.ts';
import { userRoutes, usersNeeds } from './users.routes.ts';
import { violationRoutes, violationsNeeds } from './violations.routes.ts';

/**
 * The route table: every API route, grouped by the handler module (one Lambda function each) that serves it.
 * CDK builds the HTTP API from it, the local runtime routes requests with it, and /openapi.json documents it.
 */
export const API_MODULES: readonly ApiModule[] = [
  { module: 'meta', routes: metaRoutes, needs: metaNeeds },
  { module: 'mines', routes: mineRoutes, needs: minesNeeds },
  { module: 'mine-records', routes: mineRecordRoutes, needs: mineRecordsNeeds },
  { module: 'power', routes: powerRoutes, needs: powerNeeds },
  { module: 'power-imports', routes: powerImportRoutes, needs: powerImportsNeeds },
  { module: 'monitoring', routes: monitoringRoutes, needs: monitoringNeeds },
  { module: 'cases', routes: caseRoutes, needs: casesNeeds },
  { module: 'hazards', routes: hazardRoutes, needs: hazardsNeeds },
  { module: 'penalties', routes: penaltyRoutes, needs: penaltiesNeeds },
  { module: 'violations', routes: violationRoutes, needs: violationsNeeds },
  { module: 'inspections', routes: inspectionRoutes, needs: inspectionsNeeds },
  { module: 'accidents', routes: accidentRoutes, needs: accidentsNeeds },
  { module: 'interviews', routes: interviewRoutes, needs: interviewsNeeds },
  { module: 'directives', routes: directiveRoutes, needs: directivesNeeds },
  { module: 'acceptances', routes: acceptanceRoutes, needs: acceptancesNeeds },
  { module: 'evidence', routes: evidenceRoutes, needs: evidenceNeeds },
  { module: 'enforcement-plans', routes: enforcementPlanRoutes, needs: enforcementPlansNeeds },
  { module: 'credit', routes: creditRoutes, needs: creditNeeds },
  { module: 'blacklist', routes: blacklistRoutes, needs: blacklistNeeds },
  { module: 'public-blacklist', routes: publicBlacklistRoutes, needs: publicBlacklistNeeds },
  { module: 'public-disclosures', routes: publicDisclosureRoutes, needs: publicDisclosuresNeeds },
  { module: 'disclosures', routes: disclosureRoutes, needs: disclosuresNeeds },
  { module: 'tipoffs', routes: tipoffRoutes, needs: tipoffsNeeds },
  { module: 'public-tipoffs', routes: publicTipoffRoutes, needs: publicTipoffsNeeds },
  { module: 'legal-review', routes: legalReviewRoutes, needs: legalReviewNeeds },
  { module: 'notifications', routes: notificationRoutes, needs: notificationsNeeds },
  { module: 'me', routes: meRoutes, needs: meNeeds },
  { module: 'calendar', routes: calendarRoutes, needs: calendarNeeds },
  { module: 'users', routes: userRoutes, needs: usersNeeds },
  { module: 'persons', routes: personRoutes, needs: personsNeeds },
  { module: 'overview', routes: overviewRoutes, needs: overviewNeeds },
  { module: 'reports', routes: reportRoutes, needs: reportsNeeds },
];

export const ALL_ROUTES: readonly RouteSpec[] = API_MODULES.flatMap((m) => m.routes);
