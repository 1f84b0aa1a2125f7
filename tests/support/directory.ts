import type { Principal } from '#lib/auth/principal.ts';
import { systemActor } from '#lib/store/audit.ts';
import type { Db } from '#lib/store/db.ts';
import { registerUser } from '#lib/users/directory.ts';

/**
 * Puts a test's person in the user directory, as the demo seed does (and POST /v1/users does with a sign-in), so a
 * request may name it as an official. Answers what a request names: `{ userId, name }`.
 */
export async function inDirectory(
  db: Db,
  p: Principal,
  options: { name?: string; jurisdiction?: string } = {},
): Promise<{ userId: string; name: string }> {
  const name = options.name ?? p.name ?? p.sub;
  const jurisdiction = p.kind === 'bureau' ? p.jurisdiction : options.jurisdiction;
  if (!jurisdiction) throw new Error(`inDirectory: a ${p.role} needs options.jurisdiction`);
  await registerUser(db, systemActor('test'), {
    userId: p.sub,
    role: p.role,
    name,
    jurisdiction,
    ...(p.kind === 'mine' ? { mineId: p.mineId } : {}),
  });
  return { userId: p.sub, name };
}
