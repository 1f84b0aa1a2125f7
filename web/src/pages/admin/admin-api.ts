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
import { ApiError, type ProblemField } from '../../api.ts';
import { session } from '../../session.ts';

/** The answers the admin pages read (type-only: nothing of the schemas is bundled). */
export type AdminMine = z.infer<typeof mineSchema>;
export type AdminLicence = z.infer<typeof licenceSchema>;
export type AdminPerson = z.infer<typeof personSchema>;
export type AdminDuty = z.infer<typeof periodicDutySchema>;
export type StatusHistoryEntry = z.infer<typeof statusHistoryEntrySchema>;
export type DirectoryUser = z.infer<typeof userSchema>;
export type RegisterRequest = z.infer<typeof registerRequestSchema>;

/**
 * PATCH and DELETE with the signed-in user's token (the shared client has neither): the problem+json of a refusal
 * thrown as the same `ApiError`, so the form toolkit shows its messages beside the fields.
 */
async function send<T>(method: 'PATCH' | 'DELETE', path: string, body?: unknown): Promise<T> {
  const token = session.token();
  const res = await fetch(path, {
    method,
    headers: {
      accept: 'application/json',
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  if (res.status === 401) session.expired();
  const text = await res.text();
  const json = text ? (JSON.parse(text) as Record<string, unknown>) : {};
  if (!res.ok) {
    throw new ApiError(
      res.status,
      String(json.title ?? `请求失败（${res.status}）`),
      typeof json.detail === 'string' ? json.detail : undefined,
      Array.isArray(json.errors) ? (json.errors as ProblemField[]) : [],
    );
  }
  return json as T;
}

export const patch = <T>(path: string, body: unknown): Promise<T> => send<T>('PATCH', path, body);
export const remove = (path: string): Promise<void> => send<void>('DELETE', path);

export const enc = encodeURIComponent;
