import ts from 'typescript';

/**
 * What the tree writes to the due-date index (GSI2 `DUE#<path>` / `<date>#<kind>#<mineId>#<ref>`), read with the
 * TypeScript parser: the kind of every `gsi2.dueItem(<date>, <kind>, …)` call, resolved to its string (a literal, a `const` or a
 * property of a `const` object), and every object that sets GSI2PK without the index's own key functions. Pure
 * functions over sources, so a test can hold the real tree to the registry of dated kinds and feed them a new
 * writer to see the check fail.
 */
export interface Source {
  /** Relative to the repository root: `lib/penalties/penalty-keys.ts`. */
  readonly file: string;
  readonly text: string;
}

export interface DueIndexWrites {
  /** Each kind written, with the files that write it. */
  readonly kinds: ReadonlyMap<string, readonly string[]>;
  /** `file: <argument>` of every call whose kind is not a string the parser can resolve. */
  readonly unresolved: readonly string[];
  /** `file: <what>` of every object that puts an item on GSI2 other than by `gsi2.due(…)` and `gsi2.dueItem(…)`. */
  readonly bypasses: readonly string[];
}

const parse = (s: Source) => ts.createSourceFile(s.file, s.text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);

const unwrap = (e: ts.Expression): ts.Expression =>
  ts.isAsExpression(e) || ts.isParenthesizedExpression(e) || ts.isSatisfiesExpression(e) ? unwrap(e.expression) : e;

const isCallOf = (e: ts.Expression | undefined, object: string, method: string): e is ts.CallExpression =>
  !!e &&
  ts.isCallExpression(unwrap(e)) &&
  ts.isPropertyAccessExpression((unwrap(e) as ts.CallExpression).expression) &&
  ((unwrap(e) as ts.CallExpression).expression as ts.PropertyAccessExpression).expression.getText() === object &&
  ((unwrap(e) as ts.CallExpression).expression as ts.PropertyAccessExpression).name.text === method;

const propName = (p: ts.ObjectLiteralElementLike): string | undefined =>
  p.name && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name)) ? p.name.text : undefined;

export function dueIndexWrites(sources: readonly Source[]): DueIndexWrites {
  const files = sources.map((s) => ({ file: s.file, sf: parse(s) }));
  // Every top-level `const NAME = <initializer>` of the sources: where a kind's name is resolved.
  const consts = new Map<string, ts.Expression[]>();
  for (const { sf } of files)
    for (const st of sf.statements)
      if (ts.isVariableStatement(st))
        for (const d of st.declarationList.declarations)
          if (ts.isIdentifier(d.name) && d.initializer)
            consts.set(d.name.text, [...(consts.get(d.name.text) ?? []), d.initializer]);

  const valuesOf = (e: ts.Expression, depth = 0): string[] => {
    const x = unwrap(e);
    if (depth > 5) return [];
    if (ts.isStringLiteral(x) || ts.isNoSubstitutionTemplateLiteral(x)) return [x.text];
    if (ts.isIdentifier(x)) return (consts.get(x.text) ?? []).flatMap((i) => valuesOf(i, depth + 1));
    if (ts.isPropertyAccessExpression(x) && ts.isIdentifier(x.expression))
      return (consts.get(x.expression.text) ?? []).flatMap((o) => {
        const obj = unwrap(o);
        if (!ts.isObjectLiteralExpression(obj)) return [];
        const p = obj.properties.find((q) => propName(q) === x.name.text);
        return p && ts.isPropertyAssignment(p) ? valuesOf(p.initializer, depth + 1) : [];
      });
    return [];
  };

  const kinds = new Map<string, string[]>();
  const unresolved: string[] = [];
  const bypasses: string[] = [];
  for (const { file, sf } of files) {
    const visit = (node: ts.Node): void => {
      if (ts.isCallExpression(node) && isCallOf(node, 'gsi2', 'dueItem')) {
        const arg = node.arguments[1];
        const values = arg ? [...new Set(valuesOf(arg))] : [];
        if (values.length !== 1) unresolved.push(`${file}: ${arg?.getText() ?? '(none)'}`);
        else kinds.set(values[0]!, [...new Set([...(kinds.get(values[0]!) ?? []), file])]);
      }
      if (ts.isObjectLiteralExpression(node)) {
        const pkProp = node.properties.find((p) => propName(p) === 'GSI2PK');
        const skProp = node.properties.find((p) => propName(p) === 'GSI2SK');
        if (pkProp || skProp) {
          const ok =
            !!pkProp &&
            !!skProp &&
            ts.isPropertyAssignment(pkProp) &&
            ts.isPropertyAssignment(skProp) &&
            isCallOf(pkProp.initializer, 'gsi2', 'due') &&
            isCallOf(skProp.initializer, 'gsi2', 'dueItem');
          if (!ok) bypasses.push(`${file}: ${node.getText().replace(/\s+/g, ' ').slice(0, 120)}`);
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(sf);
  }
  return { kinds, unresolved, bypasses };
}
