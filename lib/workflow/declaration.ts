import type { Role } from '#lib/auth/roles.ts';

/**
 * A workflow as plain data: the states an item goes through, the actions people take on it, from which states, to
 * which, by whom, and the four-eyes pairs (the one who took one step may not take another). A capability declares
 * its workflow once, in a module the dashboard bundles too (its vocabulary.ts), and ./engine.ts decides every
 * action from it. Nothing here imports a value: the declarations and the tables derived from them stay plain data.
 */

/** Who may take an action: a user's role, or `system` for what a scheduled job does on its own. */
export type ActorRole = Role | 'system';

/** How a role that may not take an action is answered: 403 before anything else, or 422 as a rule of the flow. */
export type RoleRefusal = 'forbidden' | 'rule';

/**
 * A four-eyes pair: whoever took the step `notBy` (an action of the workflow, or one of the steps that create the
 * item) may not take this action.
 */
export interface FourEyesRule {
  readonly notBy: string;
  /** Who took that step, in English for the field list (`proposer`) and in Chinese for the message (`提议人`). */
  readonly party: string;
  readonly partyLabel: string;
  /** The pair holds only for items with these field values (e.g. the recorder of a major hazard only). */
  readonly when?: Readonly<Record<string, string | number | boolean>>;
}

export interface ActionDeclaration<S extends string> {
  /** The action in Chinese, as messages and the dashboard name it (`验收销号`). */
  readonly label: string;
  /** The states it may be taken from. */
  readonly from: readonly S[];
  /**
   * The state it leads to; several when the item's data picks one (the capability says which); absent when the
   * item stays in the state it was in (recording an objection, assigning a case).
   */
  readonly to?: S | readonly S[];
  /** The roles that may take it. */
  readonly by: readonly ActorRole[];
  /** How a role not in `by` is answered, when not as the workflow's `roleRefusal` says. */
  readonly roleRefusal?: RoleRefusal;
  readonly fourEyes?: readonly FourEyesRule[];
}

export interface WorkflowDeclaration<S extends string = string, A extends string = string> {
  /** What an item is called in messages (`隐患`, `名单记录`). */
  readonly subject: string;
  readonly states: readonly S[];
  readonly stateLabels: Readonly<Record<S, string>>;
  /** The steps that create an item (not actions of the flow), with their Chinese names: `{ record: '登记' }`. */
  readonly creation: Readonly<Record<string, string>>;
  readonly actions: Readonly<Record<A, ActionDeclaration<S>>>;
  /** How a role not allowed to take an action is answered (each action may say otherwise). */
  readonly roleRefusal: RoleRefusal;
  /** The request field a refusal for the wrong state names; `body.action` unless the action is not in the body. */
  readonly actionField?: string;
}

/* ---------- the tables derived from a declaration (what the dashboard and the schemas read) ---------- */

function mapActions<S extends string, A extends string, V>(
  workflow: WorkflowDeclaration<S, A>,
  value: (action: ActionDeclaration<S>) => V,
): Record<A, V> {
  const entries = actionNames(workflow).map((name) => [name, value(workflow.actions[name])] as const);
  return Object.fromEntries(entries) as Record<A, V>;
}

/** The actions in the order they are declared. */
export const actionNames = <S extends string, A extends string>(workflow: WorkflowDeclaration<S, A>): A[] =>
  Object.keys(workflow.actions) as A[];

/** From which states each action may be taken. */
export const actionsFrom = <S extends string, A extends string>(
  workflow: WorkflowDeclaration<S, A>,
): Record<A, readonly S[]> => mapActions(workflow, (a) => a.from);

/** Who may take each action. */
export const actionsBy = <S extends string, A extends string>(
  workflow: WorkflowDeclaration<S, A>,
): Record<A, readonly ActorRole[]> => mapActions(workflow, (a) => a.by);

/** Each action's Chinese name. */
export const actionLabels = <S extends string, A extends string>(
  workflow: WorkflowDeclaration<S, A>,
): Record<A, string> => mapActions(workflow, (a) => a.label);

/** The state each action leads to, for the actions that lead to exactly one (the others stay, or the data picks). */
export function actionTargets<S extends string, A extends string>(
  workflow: WorkflowDeclaration<S, A>,
): Partial<Record<A, S>> {
  const targets: Partial<Record<A, S>> = {};
  for (const name of actionNames(workflow)) {
    const to = workflow.actions[name].to;
    if (typeof to === 'string') targets[name] = to;
  }
  return targets;
}

/** The states an action may lead to from a state (that state itself when the action keeps the item where it is). */
export const targetsOf = <S extends string>(action: ActionDeclaration<S>, from: S): readonly S[] =>
  action.to === undefined ? [from] : typeof action.to === 'string' ? [action.to] : action.to;

/** The Chinese name of every step an item's history may hold: the steps that create it, then the actions. */
export const stepLabels = <S extends string, A extends string>(
  workflow: WorkflowDeclaration<S, A>,
): Record<string, string> => ({ ...workflow.creation, ...actionLabels(workflow) });

/** The actions a role may take on an item in this state, in declaration order (before four-eyes and the data). */
export const actionsOpenTo = <S extends string, A extends string>(
  workflow: WorkflowDeclaration<S, A>,
  state: string,
  role: string,
): A[] =>
  actionNames(workflow).filter((name) => {
    const action = workflow.actions[name];
    return (action.from as readonly string[]).includes(state) && (action.by as readonly string[]).includes(role);
  });
