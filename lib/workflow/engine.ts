import { ROLE_LABELS } from '#lib/auth/roles.ts';
import { type DomainError, ForbiddenError, RuleError } from '#lib/errors.ts';
import { type ActionDeclaration, type FourEyesRule, targetsOf, type WorkflowDeclaration } from './declaration.ts';

/**
 * Decides an action on an item from its workflow's declaration (./declaration.ts): allowed, and the state it leads
 * to, or refused with the error the API answers. In order:
 *
 *   1. an action the workflow does not have: 422;
 *   2. a role that may not take the action, where the workflow answers that with 403: nothing about the item is
 *      told to someone who could never take the action;
 *   3. the wrong state: 422 naming the state and the action;
 *   4. a four-eyes pair broken: 422 naming who took the other step;
 *   5. a role that may not take the action, where the workflow answers that as a rule of the flow (422).
 *
 * What an action needs in its payload (notes, evidence, dates, decision numbers) is the capability's to check.
 */

export interface WorkflowActor {
  readonly sub: string;
  /** A user's role, or `system` for a scheduled job. */
  readonly role: string;
  readonly name?: string | undefined;
}

/** One step of an item's history: which step, and who took it. */
export interface HistoryStep {
  readonly action: string;
  readonly by: { readonly sub: string; readonly name?: string | undefined };
}

export interface Attempt<S extends string, A extends string> {
  /** The item's current state. */
  readonly state: S;
  readonly action: A;
  readonly actor: WorkflowActor;
  /**
   * Who took the steps the four-eyes pairs name, oldest first: the item's steps, or steps built from the who-fields
   * the item keeps (its proposer, the requester of a pending request). A pair looks at the latest step of its name.
   */
  readonly history: readonly HistoryStep[];
  /** The item, for the pairs that hold only for some items (`when`); without it, every pair holds. */
  readonly item?: object | undefined;
  /** For an action declared with several targets: the one the item's data picks. */
  readonly to?: S | undefined;
}

export type RefusalReason = 'unknown_action' | 'role' | 'state' | 'four_eyes';

export type Decision<S extends string> =
  | { readonly allowed: true; readonly to: S }
  | { readonly allowed: false; readonly reason: RefusalReason; readonly error: DomainError };

const SYSTEM_LABEL = '系统（定时任务）';
const roleLabel = (role: string): string =>
  role === 'system' ? SYSTEM_LABEL : ((ROLE_LABELS as Readonly<Record<string, string>>)[role] ?? role);
const who = (by: HistoryStep['by']): string => (by.name ? `${by.name}（${by.sub}）` : by.sub);

export function decide<S extends string, A extends string>(
  workflow: WorkflowDeclaration<S, A>,
  attempt: Attempt<S, A>,
): Decision<S> {
  const { state, action: name, actor } = attempt;
  const action: ActionDeclaration<S> | undefined = Object.hasOwn(workflow.actions, name)
    ? workflow.actions[name]
    : undefined;
  if (!action)
    return refused(
      'unknown_action',
      new RuleError(`${workflow.subject}没有“${name}”这一操作`, [
        { field: workflow.actionField ?? 'body.action', message: `unknown action ${name}` },
      ]),
    );

  const roleAllowed = (action.by as readonly string[]).includes(actor.role);
  const roleRefusal = action.roleRefusal ?? workflow.roleRefusal;
  const roleMessage = () =>
    `${roleLabel(actor.role)}（${actor.role}）不能${action.label}（${name}），须由${action.by.map(roleLabel).join('或')}办理`;
  if (!roleAllowed && roleRefusal === 'forbidden') return refused('role', new ForbiddenError(roleMessage()));

  if (!action.from.includes(state)) {
    const label = (workflow.stateLabels as Readonly<Record<string, string>>)[state] ?? state;
    return refused(
      'state',
      new RuleError(`${workflow.subject}当前状态为“${label}”，不能${action.label}（${name}）`, [
        { field: workflow.actionField ?? 'body.action', message: `not allowed from ${state}` },
      ]),
    );
  }

  const brokenPair = fourEyesRefusal(workflow, name, actor, attempt.history, attempt.item);
  if (brokenPair) return refused('four_eyes', brokenPair);

  if (!roleAllowed)
    return refused(
      'role',
      new RuleError(roleMessage(), [{ field: 'principal', message: `role ${actor.role} may not ${name}` }]),
    );

  return { allowed: true, to: targetOf(action, name, state, attempt.to) };
}

/** The state the action leads to, or throws the refusal. */
export function enforce<S extends string, A extends string>(
  workflow: WorkflowDeclaration<S, A>,
  attempt: Attempt<S, A>,
): S {
  const decision = decide(workflow, attempt);
  if (!decision.allowed) throw decision.error;
  return decision.to;
}

/** The first four-eyes pair of the action that `actor` would break, as the 422 to answer; undefined when none. */
export function fourEyesRefusal<S extends string, A extends string>(
  workflow: WorkflowDeclaration<S, A>,
  action: A,
  actor: Pick<WorkflowActor, 'sub'>,
  history: readonly HistoryStep[],
  item?: object,
): RuleError | undefined {
  const declared = Object.hasOwn(workflow.actions, action) ? workflow.actions[action] : undefined;
  for (const pair of declared?.fourEyes ?? []) {
    if (!holdsFor(pair, item)) continue;
    const other = history.findLast((step) => step.action === pair.notBy);
    if (other && other.by.sub === actor.sub)
      return new RuleError(
        `${pair.partyLabel}不能${declared!.label}（四眼原则）：本${workflow.subject}的${pair.partyLabel}为 ${who(other.by)}，须由另一人办理`,
        [{ field: 'principal', message: `the ${pair.party} may not decide` }],
      );
  }
  return undefined;
}

function holdsFor(pair: FourEyesRule, item: object | undefined): boolean {
  if (!pair.when || !item) return true;
  const fields = item as Readonly<Record<string, unknown>>;
  return Object.entries(pair.when).every(([field, value]) => fields[field] === value);
}

function targetOf<S extends string>(action: ActionDeclaration<S>, name: string, from: S, picked: S | undefined): S {
  const targets = targetsOf(action, from);
  // A pick outside the declaration, or none where the data must pick, is a mistake in the capability, not the caller's.
  if (picked !== undefined) {
    if (!targets.includes(picked))
      throw new Error(`${name} does not lead to ${picked}; it leads to ${targets.join(', ')}`);
    return picked;
  }
  if (targets.length !== 1) throw new Error(`${name} leads to one of ${targets.join(', ')}: the item's data must pick`);
  return targets[0]!;
}

const refused = <S extends string>(reason: RefusalReason, error: DomainError): Decision<S> => ({
  allowed: false,
  reason,
  error,
});
