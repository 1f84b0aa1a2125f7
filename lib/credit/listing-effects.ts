import type { ListingEffects } from '#lib/blacklist/blacklist-service.ts';
import { classifyMines } from './classify-mines.ts';

/**
 * The credit model's part in a change of listing: an enterprise entering or leaving the blacklist has its mine
 * classified again at once (a listed enterprise is D; leaving the list lets its records decide). The blacklist's
 * actions take it from their callers, the handlers, the expiry job and the demo seed.
 */
export const creditOnListing: ListingEffects = {
  classifyMine: (db, date, mineId) => classifyMines(db, date, [mineId]),
};
