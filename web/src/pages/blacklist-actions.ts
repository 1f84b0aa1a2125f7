import {
  BLACKLIST_ACTION_BY,
  BLACKLIST_ACTION_FROM,
  BLACKLIST_ACTION_LABELS as LABEL,
} from '#lib/blacklist/vocabulary.ts';
import type { Role } from '../labels.ts';
import type { BlacklistEntry } from '../types.ts';

/**
 * The blacklist's actions as the entry page offers them: the fields each needs, offered only from the statuses and
 * to the roles the flow allows, under the names it gives them (BLACKLIST_WORKFLOW in lib/blacklist/vocabulary.ts).
 * The server decides in the end (the four-eyes rule, the objection window); this only keeps the page from offering
 * what cannot apply.
 */
export type FieldKind = 'date' | 'text' | 'textarea' | 'lines' | 'checkbox' | 'objection' | 'scopes';

export interface ActionField {
  readonly name: string;
  readonly label: string;
  readonly kind: FieldKind;
  readonly required: boolean;
}

export interface ActionSpec {
  readonly label: string;
  readonly fields: readonly ActionField[];
  /** Shown above the form: what the action does. */
  readonly hint?: string;
}

const reason = (label = '理由'): ActionField => ({ name: 'reason', label, kind: 'textarea', required: true });
const evidence = (label: string): ActionField => ({
  name: 'evidence',
  label: `${label}（每行一项）`,
  kind: 'lines',
  required: true,
});

export const BLACKLIST_ACTIONS = {
  serve_notice: {
    label: LABEL.serve_notice,
    fields: [
      { name: 'servedOn', label: '送达日期', kind: 'date', required: true },
      { name: 'noticeNo', label: '告知书文号', kind: 'text', required: false },
    ],
    hint: '送达后进入陈述申辩期。',
  },
  record_objection: {
    label: LABEL.record_objection,
    fields: [
      { name: 'receivedOn', label: '收到日期', kind: 'date', required: true },
      { name: 'content', label: '申辩内容', kind: 'textarea', required: true },
    ],
  },
  answer_objection: {
    label: LABEL.answer_objection,
    fields: [
      { name: 'objectionId', label: '陈述申辩', kind: 'objection', required: true },
      { name: 'answer', label: '答复意见', kind: 'textarea', required: true },
      { name: 'upheld', label: '申辩理由成立', kind: 'checkbox', required: false },
    ],
  },
  submit_review: { label: LABEL.submit_review, fields: [], hint: '陈述申辩期届满、申辩均已答复后方可提交。' },
  approve: {
    label: LABEL.approve,
    fields: [
      { name: 'decisionNo', label: '决定书文号', kind: 'text', required: true },
      { name: 'listedOn', label: '列入日期（默认今天）', kind: 'date', required: false },
      { name: 'scopes', label: '限制范围（不选为全部）', kind: 'scopes', required: false },
    ],
    hint: '审核人不能是提议人。',
  },
  reject: { label: LABEL.reject, fields: [reason('不通过理由')], hint: '审核人不能是提议人。' },
  withdraw: { label: LABEL.withdraw, fields: [reason('撤回理由')] },
  request_removal: {
    label: LABEL.request_removal,
    fields: [reason('申请理由'), evidence('信用修复材料')],
    hint: '列入满 12 个月后，凭信用修复材料申请；须法制审核同意。',
  },
  approve_removal: {
    label: LABEL.approve_removal,
    fields: [{ name: 'note', label: '审核意见', kind: 'textarea', required: false }],
    hint: '审核人不能是申请人。',
  },
  reject_removal: { label: LABEL.reject_removal, fields: [reason('不同意理由')], hint: '审核人不能是申请人。' },
  revoke_removal: {
    label: LABEL.revoke_removal,
    fields: [reason('撤销理由'), evidence('查实弄虚作假的材料')],
    hint: '申请材料弄虚作假的，提请撤销提前移出；须另一名法制审核人员同意后方恢复列入至原期限。',
  },
  approve_revocation: {
    label: LABEL.approve_revocation,
    fields: [{ name: 'note', label: '审核意见', kind: 'textarea', required: false }],
    hint: '同意后恢复列入至原期限。审核人不能是提请人。',
  },
  reject_revocation: {
    label: LABEL.reject_revocation,
    fields: [reason('不同意理由')],
    hint: '审核人不能是提请人。',
  },
} as const satisfies Record<string, ActionSpec>;

export type BlacklistActionName = keyof typeof BLACKLIST_ACTIONS;
export { BLACKLIST_STEP_LABELS } from '#lib/blacklist/vocabulary.ts';

/** The actions this role may take on the entry in its present state. */
export function allowedActions(
  entry: Pick<BlacklistEntry, 'status' | 'removalRequest' | 'revocationRequest' | 'objections'>,
  role: Role,
): BlacklistActionName[] {
  return (Object.keys(BLACKLIST_ACTIONS) as BlacklistActionName[]).filter((name) => {
    const from: readonly string[] = BLACKLIST_ACTION_FROM[name];
    const by: readonly string[] = BLACKLIST_ACTION_BY[name];
    if (!from.includes(entry.status) || !by.includes(role)) return false;
    if (name === 'request_removal') return !entry.removalRequest;
    if (name === 'approve_removal' || name === 'reject_removal') return !!entry.removalRequest;
    if (name === 'revoke_removal') return !entry.revocationRequest;
    if (name === 'approve_revocation' || name === 'reject_revocation') return !!entry.revocationRequest;
    if (name === 'answer_objection') return entry.objections.some((o) => !o.answer);
    return true;
  });
}

export type FormValues = Record<string, string | boolean | readonly string[]>;

/**
 * The request body of an action from the form: text trimmed, empty optional fields left out, a list field one
 * item per line, the checkbox a boolean. Returns the names of required fields left empty instead when there are any.
 */
export function actionBody(
  name: BlacklistActionName,
  version: number,
  values: FormValues,
): { body: Record<string, unknown> } | { missing: string[] } {
  const spec: ActionSpec = BLACKLIST_ACTIONS[name];
  const body: Record<string, unknown> = { action: name, version };
  const missing: string[] = [];
  for (const f of spec.fields) {
    const raw = values[f.name];
    let value: unknown;
    if (f.kind === 'checkbox') value = raw === true;
    else if (f.kind === 'lines')
      value = (typeof raw === 'string' ? raw.split('\n') : []).map((l) => l.trim()).filter(Boolean);
    else if (f.kind === 'scopes') value = Array.isArray(raw) && raw.length ? [...raw] : undefined;
    else value = typeof raw === 'string' && raw.trim() ? raw.trim() : undefined;
    const empty = value === undefined || (Array.isArray(value) && value.length === 0);
    if (f.required && empty) missing.push(f.label);
    else if (!empty) body[f.name] = value;
  }
  return missing.length ? { missing } : { body };
}
