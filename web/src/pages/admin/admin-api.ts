import type * as z from 'zod/mini';
import type {
  licenceSchema,
  mineSchema,
  periodicDutySchema,
  personSchema,
  registerRequestSchema,
  statusHistoryEntrySchema,
} from '#lib/registry/schemas.ts';
import type { userSchema } from '#lib/users/schemas.ts';
import { api } from '../../api.ts';

/** The answers the admin pages read (type-only: nothing of the schemas is bundled). */
export type AdminMine = z.infer<typeof mineSchema>;
export type AdminLicence = z.infer<typeof licenceSchema>;
export type AdminPerson = z.infer<typeof personSchema>;
export type AdminDuty = z.infer<typeof periodicDutySchema>;
export type StatusHistoryEntry = z.infer<typeof statusHistoryEntrySchema>;
export type DirectoryUser = z.infer<typeof userSchema>;
export type RegisterRequest = z.infer<typeof registerRequestSchema>;

/** PATCH and DELETE go through the shared client, like every other request. */
export const patch = <T>(path: string, body: unknown): Promise<T> => api.patch<T>(path, body);
export const remove = (path: string): Promise<void> => api.delete(path);

export const enc = encodeURIComponent;
