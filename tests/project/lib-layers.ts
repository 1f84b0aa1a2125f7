/**
 * The layers of lib/, top to bottom. A folder imports only folders of a lower layer: capabilities build on the
 * registry, the registry on the shared layers, the shared layers on the store and the schemas, everything on the
 * ground. Folders of one layer do not import each other. The README's layout section draws the same picture;
 * tests/project/import-directions.test.ts holds the tree to it.
 */
export const LIB_LAYERS: readonly (readonly string[])[] = [
  // Read models and edges: the mine's whole file, the legal reviewer's queue, the HTTP layer the handlers use, the
  // build of the dashboard; 执法公示 reads penalties, inspections, hazards and the bureau's policies; the overview of a
  // jurisdiction reads every jurisdiction list (mines, credit, cases, hazards, penalties, the review's reports).
  ['mine-file', 'legal-review', 'http', 'build', 'disclosure', 'overview'],
  // Capabilities that read the others' records: reminders scan every due date, credit scores every record, a
  // person's file lists every record naming the person.
  ['reminders', 'credit', 'evidence', 'persons'],
  // Reports upward: a jurisdiction's statistics counted from the enforcement records, the district's monthly report
  // to the city (执法公示 publishes a year of the same counting; the reminder scan reads its deadline).
  ['reports'],
  // The blacklist (credit proposes entries to it), the electricity review (it opens cases), the acceptance before a
  // mine resumes production (it reads inspections and hazards, and changes the mine's status) and tip-offs (they
  // link inspections, cases, violations and penalties).
  ['blacklist', 'power', 'acceptance', 'tipoffs'],
  // Enforcement records, investigation cases, the bureau's letters to a mine, and the monitoring feeds beside
  // electricity (people underground, gas) that the review reads as further witnesses.
  ['cases', 'penalties', 'hazards', 'inspections', 'accidents', 'interviews', 'directives', 'monitoring'],
  // Violations; the year's enforcement plan (inspections are recorded against it).
  ['violations', 'enforcement-plan'],
  // Numbered documents (文书编号): issued by inspections and penalties.
  ['documents'],
  // One file per mine: what every capability builds on.
  ['registry'],
  // Shared services: review findings, notifications, job fan-out, policies, the user directory.
  ['findings', 'notifications', 'jobs', 'policies', 'users'],
  ['queue', 'workflow', 'files'],
  ['store', 'schemas'],
  ['auth', 'validators'],
  // The ground.
  ['observability', 'errors.ts'],
];

/**
 * The modules of lib/ the dashboard may import values from: plain data, which import nothing but other plain data
 * (types aside). Everything else the dashboard takes from lib/ must be `import type` (the response schemas).
 */
export const PLAIN_DATA_MODULES: readonly RegExp[] = [
  /^lib\/[^/]+\/vocabulary\.ts$/,
  /^lib\/auth\/roles\.ts$/,
  /^lib\/auth\/role-groups\.ts$/,
  /^lib\/power\/types\.ts$/,
  /^lib\/credit\/tiers\.ts$/,
  // The workflow declarations' types and the tables derived from them (the vocabularies declare their flows with it).
  /^lib\/workflow\/declaration\.ts$/,
];
