import { type ConflictError, RuleError } from '#lib/errors.ts';
import { notify, type Recipient } from '#lib/notifications/notification.ts';
import { pk, sk } from '#lib/store/keys.ts';
import { getItem } from '#lib/store/query.ts';
import type { TenantStore } from '#lib/store/tenant-store.ts';
import { todayInShanghai } from '#lib/validators/business-date.ts';
import type { MineItem } from './mine-item.ts';

/** What the refused write would have filed: the mine's id, code, name and jurisdiction. */
type NewIdentity = Pick<MineItem, 'mineId' | 'creditCode' | 'name' | 'jurisdiction'>;

/**
 * A new mine's id and credit code are unique across the product, so a bureau creating a mine may hit one it cannot
 * see. It is refused without saying so: the same 422 whichever of the two clashed, with no jurisdiction, name or
 * status of the other mine, where a clash with a mine the caller can see stays a 409 naming the field. The bureau
 * above both (the lowest common ancestor of the two jurisdictions) is told in its leaders' inbox, since either the
 * new mine is filed twice or a code was mistyped, and only that bureau can see both sides.
 */

export type ClashField = 'mineId' | 'creditCode';

export const hiddenClash = (): RuleError =>
  new RuleError('该煤矿编号或统一社会信用代码不能用于新建煤矿，请核对后重试；如确有疑问，请联系上级监管部门。');

/** The path both jurisdictions are under, '' when they share no province. */
export function lowestCommonAncestor(a: string, b: string): string {
  const x = a.split('/');
  const y = b.split('/');
  const common: string[] = [];
  for (let i = 0; i < Math.min(x.length, y.length) && x[i] === y[i]; i++) common.push(x[i]!);
  return common.join('/');
}

async function ownerOf(store: TenantStore, field: ClashField, input: NewIdentity) {
  const mineId =
    field === 'mineId'
      ? input.mineId
      : (
          await getItem<{ mineId: string }>(store.shared, {
            PK: pk.creditCode(input.creditCode),
            SK: sk.creditCodeOwner,
          })
        )?.mineId;
  return mineId ? store.clashingMine(mineId) : undefined;
}

/**
 * What a refused create answers: the 409 as it was for a mine the caller can see (or one gone meanwhile), else the
 * neutral 422, after telling the bureau above both.
 */
export async function clashAnswer(
  store: TenantStore,
  field: ClashField,
  input: NewIdentity,
  conflict: ConflictError,
): Promise<Error> {
  const owner = await ownerOf(store, field, input);
  if (!owner || store.covers(owner)) return conflict;
  const scope = store.bureauScope();
  const above = lowestCommonAncestor(scope, owner.jurisdiction);
  const recipients: Recipient[] = above
    ? [{ type: 'leaders', jurisdiction: above }]
    : [...new Set([scope, owner.jurisdiction].map((j) => j.split('/')[0]!))].map((j) => ({
        type: 'leaders' as const,
        jurisdiction: j,
      }));
  const p = store.principal;
  const who = [p.kind === 'bureau' ? p.name : undefined, `账号 ${p.sub}`].filter(Boolean).join('，');
  const label = field === 'mineId' ? '煤矿编号' : '统一社会信用代码';
  const value = field === 'mineId' ? input.mineId : input.creditCode;
  const today = todayInShanghai(store.now());
  await notify(store.shared, {
    kind: 'mine.identity_clash',
    // Once per caller, value and day, however many times it is tried.
    eventKey: `mine.identity_clash:${p.sub}:${field}:${value}:${today}`,
    jurisdiction: above || scope.split('/')[0]!,
    severity: 'warning',
    title: `新建煤矿的${label}与另一辖区煤矿相同`,
    body:
      `${scope} 的用户（${who}）在 ${input.jurisdiction} 登记煤矿「${input.name}」时，${label} ${value} ` +
      `已属于 ${owner.jurisdiction} 的煤矿「${owner.name}」（${owner.mineId}），登记未成功。` +
      '请核实是否重复建档或填写有误。',
    sms: `新建煤矿${label}与另一辖区煤矿冲突，请登录查看`,
    recipients,
    ref: { entityType: 'mine', entityId: owner.mineId },
  });
  return hiddenClash();
}
