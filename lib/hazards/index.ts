/**
 * What other capabilities use of hazards: the mine's record page lists its open hazards, the credit model counts
 * them, the reminder scan finds the ones due on a date.
 */

export { type HazardItem, type HazardLevel, type HazardStatus, type HazardView, isOverdue } from './hazard-item.ts';
export { hazardsDueOn, openHazardsOf } from './hazards.ts';
export { HAZARD_STANDARDS, type HazardCategory, type HazardStandard, standardInForce } from './standards.ts';
