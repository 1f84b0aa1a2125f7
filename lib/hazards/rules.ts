import type { Principal } from '#lib/auth/principal.ts';
import { ConflictError, type FieldProblem, NotFoundError, RuleError, ValidationError } from '#lib/errors.ts';
import type { Actor } from '#lib/store/audit.ts';
import { futureDateProblems } from '#lib/validators/past-dates.ts';
import { actionTargets } from '#lib/workflow/declaration.ts';
import { enforce, type HistoryStep, fourEyesRefusal as workflowFourEyes } from '#lib/workflow/engine.ts';
import type { HazardItem, HazardLevel, HazardSource, HazardStatus, ListedSupervision } from './hazard-item.ts';
import {
  categoryOf,
  effectiveUntil,
  HAZARD_STANDARDS,
  type HazardCategory,
  type HazardStandard,
  standardById,
  standardInForce,
} from './standards.ts';
import { HAZARD_WORKFLOW, type HazardAction } from './vocabulary.ts';

/**
 * The pure rules of hazards, no I/O: what a new record must carry, whether an action is allowed now (the flow is
 * declared in ./vocabulary.ts as HAZARD_WORKFLOW and decided by lib/workflow/engine.ts; what each action needs
 * besides is checked here), and what an action makes of a hazard.
 */

/* ---------- the record ---------- */

export interface HazardInput {
  readonly level: HazardLevel;
  readonly description: string;
  readonly location: string;
  readonly foundOn?: string | undefined;
  readonly deadline: string;
  readonly measures?: string | undefined;
  readonly standardVersion?: string | undefined;
  readonly category?: string | undefined;
  readonly supervision?: Partial<ListedSupervision> | undefined;
  readonly source?: HazardSource | undefined;
  readonly inspectionId?: string | undefined;
  readonly caseId?: string | undefined;
}

export interface CheckedHazardInput {
  readonly foundOn: string;
  readonly source: HazardSource;
  readonly standard?: HazardStandard;
  readonly category?: HazardCategory;
  readonly supervision?: ListedSupervision;
}

const FIVE_ITEMS: readonly (keyof ListedSupervision)[] = ['responsiblePerson', 'funds', 'contingencyPlan', 'official'];
const FIVE_ITEM_LABELS: Record<keyof ListedSupervision, string> = {
  responsiblePerson: '责任人（责任落实）',
  funds: '整改资金（资金落实）',
  contingencyPlan: '应急预案（预案落实）',
  official: '督办人',
};

/**
 * Checks a new hazard against the dates, the standard and the listed-supervision rules, naming every failing field
 * (400). `today` is the Asia/Shanghai business day; `standards` is the versioned standard (injectable for tests).
 */
export function checkHazardInput(
  input: HazardInput,
  ctx: {
    readonly today: string;
    readonly callerKind: Principal['kind'];
    readonly standards?: readonly HazardStandard[];
  },
): CheckedHazardInput {
  const standards = ctx.standards ?? HAZARD_STANDARDS;
  /** Bad input (400). */
  const problems: FieldProblem[] = [];
  /** Well-formed, but refused by the standard's dates: a version or category not in force on the found date (422). */
  const ruleProblems: FieldProblem[] = [];
  const foundOn = input.foundOn ?? ctx.today;
  problems.push(...futureDateProblems(ctx.today, { field: 'body.foundOn', label: '发现日期', date: foundOn }));
  if (input.deadline < foundOn)
    problems.push({ field: 'body.deadline', message: `整改期限不能早于发现日期 ${foundOn}` });

  const source: HazardSource = input.source ?? (ctx.callerKind === 'mine' ? 'self_report' : 'inspection');
  if (ctx.callerKind === 'mine' && source !== 'self_report')
    problems.push({ field: 'body.source', message: '煤矿用户只能自报隐患（self_report）' });
  if (source === 'case' && !input.caseId)
    problems.push({ field: 'body.caseId', message: '来源为调查核实案件（case）时须填写案件编号' });
  if (source !== 'case' && input.caseId)
    problems.push({ field: 'body.caseId', message: '仅来源为 case 时填写案件编号' });
  if (source !== 'inspection' && input.inspectionId)
    problems.push({ field: 'body.inspectionId', message: '仅来源为执法检查（inspection）时填写检查编号' });

  let standard: HazardStandard | undefined;
  let category: HazardCategory | undefined;
  let supervision: ListedSupervision | undefined;
  if (input.level === 'general') {
    for (const field of ['standardVersion', 'category', 'supervision'] as const) {
      if (input[field] !== undefined)
        problems.push({
          field: `body.${field}`,
          message: '仅重大事故隐患填写（一般隐患不挂牌督办、不分重大隐患类别）',
        });
    }
  } else {
    const inForce = standardInForce(foundOn, standards);
    if (!inForce) problems.push({ field: 'body.foundOn', message: `${foundOn} 尚无施行中的重大事故隐患判定标准版本` });
    if (input.standardVersion !== undefined) {
      const named = standardById(input.standardVersion, standards);
      if (!named) {
        problems.push({
          field: 'body.standardVersion',
          message: `未知的判定标准版本 ${input.standardVersion}；可用：${standards.map((s) => s.id).join('、')}`,
        });
      } else if (inForce && named.id !== inForce.id) {
        // A hazard is judged by the version in force on the day it was found, never by an earlier or later one.
        ruleProblems.push({
          field: 'body.standardVersion',
          message: `发现日期 ${foundOn} 适用《${inForce.name}》（${inForce.id}），不适用《${named.name}》（${named.id}，${inForceSpan(named, standards)}）`,
        });
      } else standard = named;
    } else standard = inForce;
    if (input.category === undefined) {
      problems.push({ field: 'body.category', message: '重大事故隐患须注明判定标准中的类别' });
    } else if (standard) {
      category = categoryOf(standard, input.category);
      if (!category) {
        const elsewhere = standards.filter((s) => s.id !== standard?.id && categoryOf(s, input.category as string));
        const problem = {
          field: 'body.category',
          message: elsewhere.length
            ? `${input.category} 是《${elsewhere.map((s) => s.name).join('》《')}》的类别，发现日期 ${foundOn} 适用的《${standard.name}》没有该类别；可选：${standard.categories.map((c) => c.code).join('、')}`
            : `${input.category} 不是《${standard.name}》的重大事故隐患类别；可选：${standard.categories.map((c) => c.code).join('、')}`,
        };
        (elsewhere.length ? ruleProblems : problems).push(problem);
      }
    }
    if (!input.measures) problems.push({ field: 'body.measures', message: '重大事故隐患须落实整改措施（措施落实）' });
    const s = input.supervision ?? {};
    const missing = FIVE_ITEMS.filter((k) => s[k] === undefined);
    for (const k of missing)
      problems.push({ field: `body.supervision.${k}`, message: `挂牌督办的重大事故隐患须填写${FIVE_ITEM_LABELS[k]}` });
    if (missing.length === 0) supervision = s as ListedSupervision;
  }
  if (problems.length || ruleProblems.length) {
    const all = [...problems, ...ruleProblems];
    const names = [...new Set(all.map((p) => p.field))].join(', ');
    if (problems.length) throw new ValidationError(`隐患登记信息有误：${names}`, all);
    throw new RuleError(`隐患登记不符合发现日期适用的判定标准：${names}`, ruleProblems);
  }
  return {
    foundOn,
    source,
    ...(standard ? { standard } : {}),
    ...(category ? { category } : {}),
    ...(supervision ? { supervision } : {}),
  };
}

/** When a version applies, in words: `自 2015-12-03 至 2020-12-31 施行`. */
const inForceSpan = (s: HazardStandard, standards: readonly HazardStandard[]): string => {
  const until = effectiveUntil(s, standards);
  return until ? `自 ${s.effectiveFrom} 至 ${until} 施行` : `自 ${s.effectiveFrom} 起施行`;
};

/* ---------- the flow ---------- */

export { HAZARD_ACTION_LABELS, HAZARD_ACTIONS, type HazardAction } from './vocabulary.ts';

/** The state each action leads to (from the declaration, HAZARD_WORKFLOW). */
export const ACTION_TO = actionTargets(HAZARD_WORKFLOW) as Record<HazardAction, HazardStatus>;

export interface HazardActionInput {
  readonly action: HazardAction;
  readonly version: number;
  readonly note?: string | undefined;
  readonly evidence?: readonly string[] | undefined;
}

/** Who took the steps the four-eyes rule of 销号 looks at: the recorder, and the submitter of the latest rectification. */
const historyOf = (h: Pick<HazardItem, 'recordedBy' | 'rectification'>): HistoryStep[] => [
  { action: 'record', by: h.recordedBy },
  ...(h.rectification ? [{ action: 'submit', by: h.rectification.submittedBy }] : []),
];

/**
 * The four-eyes rule of 销号 (HAZARD_WORKFLOW): the verifier is not the one who submitted the rectification and, for
 * a major hazard, not the one who recorded it either.
 */
export const fourEyesRefusal = (
  h: Pick<HazardItem, 'level' | 'recordedBy' | 'rectification'>,
  verifier: { readonly sub: string },
): RuleError | undefined => workflowFourEyes(HAZARD_WORKFLOW, 'verify', verifier, historyOf(h), h);

/**
 * Whether `caller` may take `input.action` on `h` now; throws the refusal: 404 another mine's hazard, then as the
 * workflow decides (403 the role may not take this action, 422 wrong state or four-eyes), 409 stale version, 400 a
 * missing note.
 */
export function checkHazardAction(h: HazardItem, caller: Principal, input: HazardActionInput): void {
  const { action } = input;
  if (caller.kind === 'mine' && caller.mineId !== h.mineId) throw new NotFoundError(`隐患 ${h.hazardId} 不存在`);
  enforce(HAZARD_WORKFLOW, { state: h.status, action, actor: caller, history: historyOf(h), item: h });
  if (input.version !== h.version) throw staleHazard(h.hazardId, h.version);
  if (action === 'submit' && !input.note)
    throw new ValidationError('提交整改须说明整改情况', [{ field: 'body.note', message: '提交整改须说明整改情况' }]);
  if (action === 'reject' && !input.note)
    throw new ValidationError('验收不通过须说明理由', [{ field: 'body.note', message: '验收不通过须说明理由' }]);
}

export const staleHazard = (hazardId: string, current?: number): ConflictError =>
  new ConflictError(
    `隐患 ${hazardId} 已被他人处理，请刷新后重试`,
    current === undefined ? [] : [{ field: 'body.version', message: `当前版本为 ${current}，请刷新后重试` }],
  );

/** The hazard after an allowed action (call checkHazardAction first). */
export function applyHazardAction(h: HazardItem, actor: Actor, input: HazardActionInput, at: string): HazardItem {
  const step = {
    action: input.action,
    at,
    by: actor,
    ...(input.note ? { note: input.note } : {}),
    ...(input.evidence?.length ? { evidence: input.evidence } : {}),
  };
  const next: HazardItem = {
    ...h,
    status: ACTION_TO[input.action],
    steps: [...h.steps, step],
    version: h.version + 1,
    updatedAt: at,
  };
  if (input.action === 'submit')
    return {
      ...next,
      rectification: { note: input.note ?? '', evidence: input.evidence ?? [], submittedBy: actor, submittedAt: at },
    };
  if (input.action === 'verify') return { ...next, verifiedBy: actor, verifiedAt: at };
  return next;
}
