import * as z from 'zod/mini';
import type { Principal } from '#lib/auth/principal.ts';
import { issueDirective, recentDirectives, replyToItem } from '#lib/directives/directives.ts';
import { issueDirectiveBody } from '#lib/directives/schemas.ts';
import type { Db } from '#lib/store/db.ts';
import { TenantStore } from '#lib/store/tenant-store.ts';
import { addDays, todayInShanghai } from '#lib/validators/business-date.ts';
import { DEMO_JURISDICTION } from './demo-district.ts';
import { DEMO_USERS } from './demo-users.ts';

/**
 * One 督办函 to 泰源煤矿 (the demo mine user's mine), written through the same functions the API uses: two items,
 * the first answered by the mine and awaiting the bureau's review, the second still open, the deadline a week
 * ahead. Skipped when the mine already has one, so a restart adds nothing.
 */
const MINE_ID = 'm-taiyuan';
const ISSUER: Principal = {
  kind: 'bureau',
  sub: DEMO_USERS.inspector.sub,
  role: 'inspector',
  jurisdiction: DEMO_JURISDICTION,
  name: DEMO_USERS.inspector.name,
};
const MINE: Principal = {
  kind: 'mine',
  sub: DEMO_USERS.mine_user.sub,
  role: 'mine_user',
  mineId: MINE_ID,
  name: DEMO_USERS.mine_user.name,
};

export async function seedDemoDirectives(db: Db): Promise<{ documentNo: string } | undefined> {
  if ((await recentDirectives(db, MINE_ID, 1)).length) return undefined;
  const today = todayInShanghai(db.now());
  const issued = await issueDirective(
    new TenantStore(db, ISSUER),
    MINE_ID,
    z.parse(issueDirectiveBody, {
      kind: 'supervision_letter',
      subject: '2301 回采工作面重大事故隐患整改督办（演示）',
      items: [
        '报送 2301 回采工作面上隅角瓦斯超限的原因分析和已采取的措施',
        '报送通风系统调整和抽采钻孔施工的完成情况及瓦斯浓度监测记录',
      ],
      deadline: addDays(today, 7),
    }),
  );
  await replyToItem(
    new TenantStore(db, MINE),
    MINE_ID,
    issued.directiveId,
    1,
    {
      text: '经分析为工作面配风量不足、上隅角存在涡流区所致；已停止该面作业，增设风障并调整配风，瓦斯浓度已降至 0.5% 以下（演示）',
      version: issued.version,
    },
    [],
  );
  return { documentNo: issued.documentNo };
}
