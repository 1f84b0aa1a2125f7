// Personal data out of a published decision: resident IDs and mobiles removed, persons' names as 王某, and the
// enterprise's own words (its name, the facts without a person) left as they were.
import { describe, expect, it } from 'vitest';
import { maskPersonalData, REMOVED } from '#lib/disclosure/mask.ts';

describe('maskPersonalData', () => {
  it.each([
    // Names after a post or role.
    ['矿长张三组织超定员生产', '矿长张某组织超定员生产'],
    ['矿长张三丰下井检查', '矿长张某下井检查'],
    ['矿长张三下井', '矿长张某下井'],
    ['当事人：李四，未持证上岗', '当事人：李某，未持证上岗'],
    ['法定代表人王小明拒不执行', '法定代表人王某拒不执行'],
    ['瓦检员欧阳明未按规定检查', '瓦检员欧阳某未按规定检查'],
    ['安全副矿长刘强、总工程师陈刚未履职', '安全副矿长刘某、总工程师陈某未履职'],
    ['矿长王某未到岗', '矿长王某未到岗'],
    // Words after a role that are not names stay.
    ['矿长未在岗带班', '矿长未在岗带班'],
    ['当事人于当日提交材料', '当事人于当日提交材料'],
    ['矿长安排人员入井', '矿长安排人员入井'],
    // IDs and mobiles are removed, wherever they stand.
    ['身份证号230402198001011234', `身份证号${REMOVED}`],
    ['身份证号23040219800101123X。', `身份证号${REMOVED}。`],
    ['旧身份证230402800101123', `旧身份证${REMOVED}`],
    ['联系电话13812345678', `联系电话${REMOVED}`],
    ['电话 +86 138-1234-5678 ', `电话 ${REMOVED} `],
    // Not an ID or a mobile: a longer number, an amount, a date, a decision number.
    ['罚款80000元', '罚款80000元'],
    ['编号1234567890123456789', '编号1234567890123456789'],
    ['12345678901', '12345678901'],
    ['（2026）煤安罚〔12〕号', '（2026）煤安罚〔12〕号'],
    // No person: the facts stay as written.
    ['停产整顿期间擅自组织生产', '停产整顿期间擅自组织生产'],
  ])('%s → %s', (text, expected) => {
    expect(maskPersonalData(text)).toBe(expected);
  });

  it.each([
    ['赵大勇在停产期间组织生产', ['赵大勇'], '赵某在停产期间组织生产'],
    ['欧阳春雷与赵大勇', ['欧阳春雷', '赵大勇'], '欧阳某与赵某'],
    ['于建国指挥作业', ['于建国'], '于某指挥作业'],
    // A one-character or already masked name is not a name to replace.
    ['赵某在岗', ['赵某', '赵'], '赵某在岗'],
  ])('the record’s own names: %s', (text, names, expected) => {
    expect(maskPersonalData(text, names)).toBe(expected);
  });
});
