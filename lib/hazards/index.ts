/**
 * What other capabilities use of hazards: the mine's record page lists its open hazards, the credit model counts
 * them, the reminder scan finds the ones due on a date.
 */
export { hazardsDueOn, openHazardsOf } from './hazards.ts';
export { isOverdue, type HazardItem, type HazardLevel, type HazardStatus, type HazardView } from './hazard-item.ts';
export { HAZARD_STANDARDS, standardInForce, type HazardCategory, type HazardStandard } from './standards.ts';
