import { createHash } from 'node:crypto';
import type { IdentityProvider } from '#lib/users/identity.ts';

/**
 * The identity port on one machine: nothing is created outside. A new user's subject derives from the sign-in
 * address (so the same address twice is the same subject, which the directory refuses as a duplicate, as Cognito
 * refuses the address), and `npm run token -- --role … --sub <subject>` signs that user in, as it does anyone.
 * Disabling and enabling have nothing to switch: locally the directory's active flag is the whole of it.
 */
export function localIdentity(): IdentityProvider {
  return {
    createUser: async ({ email }) => ({
      sub: `local-${createHash('sha256').update(email.trim().toLowerCase()).digest('hex').slice(0, 24)}`,
    }),
    disableUser: async () => undefined,
    enableUser: async () => undefined,
  };
}
