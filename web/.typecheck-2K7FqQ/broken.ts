import type { Claims } from '../src/session.ts';

export const wrong: Claims = { nonsense: true };
