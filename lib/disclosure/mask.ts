/**
 * Personal data out of a published text (执法公示 publishes enterprises, not persons): a resident ID (18 or 15
 * digits) and a mobile number are removed, and a person's name becomes 王某. A name is found two ways: the names the
 * record itself gives (a person named on the penalty), and a name written after a post or role (矿长张三, 当事人：李四)
 * that starts with a common surname. Pure; tests/unit/disclosure/mask.test.ts holds it to a table of cases.
 */
export const REMOVED = '[已隐去]';

const RESIDENT_ID = /(?<![0-9A-Za-z])(?:\d{17}[\dXx]|\d{15})(?![0-9A-Za-z])/g;
const MOBILE = /(?<!\d)(?:(?:\+|00)?86[-\s]?)?1[3-9]\d(?:[-\s]?\d{4}){2}(?!\d)/g;

/** Posts and roles a person's name follows in an enforcement record. */
const ROLES = [
  '法定代表人',
  '实际控制人',
  '主要负责人',
  '总工程师',
  '副总工程师',
  '安全副矿长',
  '生产副矿长',
  '机电副矿长',
  '副矿长',
  '矿长',
  '总经理',
  '经理',
  '董事长',
  '负责人',
  '责任人',
  '当事人',
  '安全员',
  '瓦检员',
  '瓦斯检查工',
  '班组长',
  '班长',
  '队长',
  '区长',
  '带班人员',
  '带班领导',
  '作业人员',
  '司机',
  '电工',
  '焊工',
  '爆破工',
  '工人',
  '职工',
  '员工',
  '举报人',
  '证人',
  '姓名',
];
const COMPOUND_SURNAMES = [
  '欧阳',
  '司马',
  '上官',
  '诸葛',
  '东方',
  '皇甫',
  '尉迟',
  '公孙',
  '慕容',
  '令狐',
  '长孙',
  '夏侯',
];
const SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔汤常温康施文牛樊葛邢齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶牟艾尤阳穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂佟臧闵苟邬边卞姬师仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩佘池查麻苑迟邝';

// Surnames that are also everyday words after a role (于, 安, 和, 时, 明, 全, 应, 成, 向, 解) are left out:
// 当事人于当日 is not a name. A record that names such a person passes the name in `names`.
/** What may follow a name: punctuation, the end, or a word that starts the rest of the sentence. */
const AFTER_NAME =
  '(?=$|[\\s，。、；：,.;:！？!?（）()“”"\'《》]|等|在|于|未|擅|违|组|指|无|将|因|带|和|与|及|的|对|被|是|已|私|强|冒|下|入|安|使|从|作|进|负|不|同|签|拒|曾|也|均|还|又|就|把|称|承|系|为)';
const CJK = '[\\u4e00-\\u9fa5]';
const SURNAME = `(?:${COMPOUND_SURNAMES.join('|')}|[${SURNAMES}])`;
// After a role (and an optional colon): a surname, then the given name: two characters if a boundary follows them,
// else one, else two anyway (a name is better cut short than left readable).
const ROLE_NAME = new RegExp(
  `(${ROLES.join('|')})([：:]?\\s?)(${SURNAME})(?!某)(${CJK}{2}${AFTER_NAME}|${CJK}${AFTER_NAME}|${CJK}{1,2})`,
  'gu',
);

const surnameOf = (name: string): string =>
  COMPOUND_SURNAMES.find((s) => name.startsWith(s) && name.length > s.length) ?? name.slice(0, 1);

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** `text` with resident IDs and mobiles removed and persons' names as 王某. `names`: persons the record names. */
export function maskPersonalData(text: string, names: readonly string[] = []): string {
  let out = text.replace(RESIDENT_ID, REMOVED).replace(MOBILE, REMOVED);
  const known = [...new Set(names.map((n) => n.trim()).filter((n) => n.length >= 2 && !n.endsWith('某')))].sort(
    (a, b) => b.length - a.length,
  );
  for (const name of known) out = out.replace(new RegExp(escapeRegExp(name), 'g'), `${surnameOf(name)}某`);
  return out.replace(ROLE_NAME, (_all, role: string, colon: string, surname: string) => `${role}${colon}${surname}某`);
}
