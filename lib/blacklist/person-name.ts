/**
 * How a person check compares the name it was given with a listed person's name. The name is the second thing the
 * check needs besides the ID; it confirms who is meant, it is not a secret (the public list shows it).
 *
 * Compared: the names with the differences an input method makes and a person does not mean taken out. Full-width
 * and half-width forms are the same name (NFKC: `ＺＨＡＮＧ` is `ZHANG`, the ideographic space is a space), the
 * middle dot of minority names typed any of its ways (`·` `・` `•` `‧`) is one dot, spaces are dropped (`张 三` is
 * `张三`) and Latin letters compared without case. Nothing else: a different character is a different name.
 *
 * Why this far: a false "not restricted" lets a listed person through (the harm joint punishment exists to prevent),
 * while a lenient comparison costs nothing, since the ID must match as well and the name is public anyway.
 */
const MIDDLE_DOTS = /[\u00B7\u2022\u2027\u2219\u22C5\u30FB\uFF65]/g;

export function personNameKey(name: string): string {
  return name.normalize('NFKC').replace(MIDDLE_DOTS, '·').replace(/\s+/g, '').toUpperCase();
}

export const sameName = (a: string, b: string): boolean => {
  const key = personNameKey(a);
  return key.length > 0 && key === personNameKey(b);
};
