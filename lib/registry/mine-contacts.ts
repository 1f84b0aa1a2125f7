import type * as z from 'zod/mini';
import { actorOf } from '#lib/store/audit.ts';
import type { TenantStore } from '#lib/store/tenant-store.ts';
import { assertOfficialInScope } from '#lib/users/official-check.ts';
import { type MineItem, mineView } from './mine-item.ts';
import { writeProfile } from './profile-write.ts';
import type { assignedOfficialBody, contactsBody } from './schemas.ts';

/** Who answers for a mine: the bureau official assigned to it (包保) and the mine's own contacts. */

export async function assignOfficial(store: TenantStore, mineId: string, body: z.infer<typeof assignedOfficialBody>) {
  const { profile: before, db } = await store.mine<MineItem>(mineId);
  const { version, ...official } = body;
  // The assigned official is told of the mine's reminders, tier changes and listed hazards: someone of the directory
  // who supervises this mine (422 otherwise), recorded by the directory's name.
  const user = await assertOfficialInScope(db, official.userId, before, {
    field: 'body.userId',
    label: '包保责任人',
  });
  return mineView(
    await writeProfile(
      db,
      actorOf(store.principal),
      before,
      version,
      { assignedOfficial: { ...official, name: user.name } },
      'mine.official_assigned',
    ),
  );
}

export async function updateContacts(store: TenantStore, mineId: string, body: z.infer<typeof contactsBody>) {
  const { profile: before, db } = await store.mine<MineItem>(mineId);
  const { version, ...contacts } = body;
  return mineView(
    await writeProfile(db, actorOf(store.principal), before, version, { contacts }, 'mine.contacts_updated'),
  );
}
