import type { Role } from '../../labels.ts';
import type { Directive } from '../../types.ts';

/** Who issues and reviews (the API decides again): the bureau's admins and inspectors. */
export const ISSUER_ROLES: readonly Role[] = ['bureau_admin', 'inspector'];

export const directiveHref = (d: Pick<Directive, 'mineId' | 'directiveId'>) =>
  `#/directives/${encodeURIComponent(d.mineId)}/${encodeURIComponent(d.directiveId)}`;

/** `已采纳 1/2`: how far the items are. */
export const itemsProgress = (d: Pick<Directive, 'items'>) =>
  `已采纳 ${d.items.filter((i) => i.state === 'accepted').length}/${d.items.length}`;

/** `还有 3 天` / `今天到期` / `已逾期 2 天` / `已办结`. */
export const deadlineText = (d: Pick<Directive, 'daysLeft' | 'status'>) =>
  d.status === 'closed' || d.daysLeft === undefined
    ? '已办结'
    : d.daysLeft > 0
      ? `还有 ${d.daysLeft} 天`
      : d.daysLeft === 0
        ? '今天到期'
        : `已逾期 ${-d.daysLeft} 天`;
