import type * as z from 'zod/mini';
import type { inspectionSchema } from '#lib/inspections/schemas.ts';

/** The inspection as the API answers it, and the start form's values as the API's body. Pure. */
export type InspectionView = z.infer<typeof inspectionSchema>;

export interface Member {
  readonly userId: string;
  readonly name: string;
}

/** Names typed in (顿号, comma or space between them) as team members outside the directory. */
export function typedMembers(text: unknown): Member[] {
  if (typeof text !== 'string') return [];
  const names = [...new Set(text.split(/[、,，;；\s]+/).map((n) => n.trim()))].filter(Boolean);
  return names.map((name) => ({ userId: `ext:${name}`, name: name.slice(0, 50) }));
}

/** The team: the signed-in officer first, then the colleagues ticked, then the names typed in. */
export function teamOf(values: Readonly<Record<string, unknown>>, me: Member, directory: readonly Member[]): Member[] {
  const ticked = Array.isArray(values.team) ? (values.team as string[]) : [];
  const chosen = directory
    .filter((u) => ticked.includes(u.userId) && u.userId !== me.userId)
    .map((u) => ({ userId: u.userId, name: u.name }));
  const typed = typedMembers(values.extra).filter((t) => ![me, ...chosen].some((m) => m.name === t.name));
  return [me, ...chosen, ...typed];
}

export interface StartBody {
  readonly mineId: string | undefined;
  readonly body: {
    readonly kind: 'started';
    readonly startedOn?: string;
    readonly inspectors: Member[];
    readonly leaderUserId?: string;
    readonly purpose?: string;
    readonly topics: string[];
  };
}

export function startBody(
  values: Readonly<Record<string, unknown>>,
  me: Member,
  directory: readonly Member[],
): StartBody {
  const s = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : undefined);
  return {
    mineId: s(values.mineId),
    body: {
      kind: 'started',
      startedOn: s(values.startedOn),
      inspectors: teamOf(values, me, directory),
      leaderUserId: s(values.leaderUserId) ?? me.userId,
      purpose: s(values.purpose),
      topics: Array.isArray(values.topics) ? [...(values.topics as string[])] : [],
    },
  };
}

/** What the inspection page reads of its findings. */
export interface HazardItem {
  readonly hazardId: string;
  readonly levelLabel: string;
  readonly level: string;
  readonly location: string;
  readonly description: string;
  readonly categoryName?: string;
  readonly deadline: string;
}
export interface ViolationItem {
  readonly violationId: string;
  readonly categoryName: string;
  readonly description: string;
  readonly date: string;
  /** The responsible key persons it names. */
  readonly responsiblePersons?: readonly { personId: string; name: string; roleLabel: string }[];
}
export interface Findings {
  readonly inspection: InspectionView;
  readonly hazards: readonly HazardItem[];
  readonly violations: readonly ViolationItem[];
  /** Files on each record, by id. */
  readonly files: Readonly<Record<string, number>>;
}
