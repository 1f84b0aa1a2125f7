import type { WorkflowDeclaration } from './declaration.ts';

/**
 * What is wrong with a declaration, in English, one line each; empty when it is well formed: every state named and
 * labelled once, every action labelled, taken from and leading to declared states, by someone, and its four-eyes
 * pairs naming a step the item can have. The engine trusts a declaration; the tests hold each one to this.
 */
export function declarationProblems(workflow: WorkflowDeclaration): string[] {
  const problems: string[] = [];
  const states = new Set<string>(workflow.states);
  if (!workflow.subject) problems.push('the subject has no name');
  if (states.size === 0) problems.push('no states');
  if (states.size !== workflow.states.length) problems.push('a state is declared twice');
  for (const state of workflow.states) if (!workflow.stateLabels[state]) problems.push(`state ${state} has no label`);

  const actions = Object.entries(workflow.actions);
  if (actions.length === 0) problems.push('no actions');
  const steps = new Set([...Object.keys(workflow.creation), ...actions.map(([name]) => name)]);
  for (const name of Object.keys(workflow.creation)) {
    if (Object.hasOwn(workflow.actions, name)) problems.push(`${name} is both a creating step and an action`);
    if (!workflow.creation[name]) problems.push(`creating step ${name} has no label`);
  }
  for (const [name, action] of actions) {
    if (!action.label) problems.push(`${name} has no label`);
    if (action.from.length === 0) problems.push(`${name} is taken from no state`);
    for (const state of action.from) if (!states.has(state)) problems.push(`${name} is taken from unknown ${state}`);
    const targets = action.to === undefined ? [] : typeof action.to === 'string' ? [action.to] : action.to;
    if (action.to !== undefined && targets.length === 0) problems.push(`${name} leads nowhere`);
    for (const state of targets) if (!states.has(state)) problems.push(`${name} leads to unknown ${state}`);
    if (action.by.length === 0) problems.push(`${name} may be taken by no one`);
    for (const pair of action.fourEyes ?? []) {
      if (!steps.has(pair.notBy)) problems.push(`${name}: four-eyes names unknown step ${pair.notBy}`);
      if (!pair.party || !pair.partyLabel) problems.push(`${name}: four-eyes against ${pair.notBy} names no party`);
    }
  }
  return problems;
}
