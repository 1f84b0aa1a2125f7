import fc from 'fast-check';

/**
 * Bad requests for every operation of an OpenAPI document, generated from the operation's own schemas and their
 * violations: wrong types, missing required fields, out-of-range and non-finite numbers, impossible dates, bad enum
 * values, huge strings and arrays, deep nesting, bad path ids (`../`, `%00`, malformed escapes), bad query values,
 * malformed JSON, wrong content types and bodies over the size limit. Every request here carries at least one
 * certain violation, so none of them may change anything. Seeded: the same seed gives the same requests.
 */
export interface FuzzRequest {
  readonly operation: string;
  readonly method: string;
  readonly path: string;
  readonly headers: Record<string, string>;
  readonly body?: string;
  /** What makes it bad, for the failure message. */
  readonly why: string;
}

type Schema = Record<string, any>;
interface Operation {
  operationId: string;
  security?: unknown[];
  parameters?: { in: string; name: string; required?: boolean; schema: Schema }[];
  requestBody?: { content: Record<string, { schema: Schema }> };
}

const JSON_TYPE = 'application/json';
const HUGE = 200_000;

/** The JSON types a schema admits, or undefined when it admits anything (no type information). */
function typesOf(schema: Schema | undefined, doc: Schema): Set<string> | undefined {
  const s = resolve(schema, doc);
  if (!s) return undefined;
  if (s.const !== undefined) return new Set([jsonType(s.const)]);
  if (s.enum) return new Set(s.enum.map(jsonType));
  if (s.type) {
    const list: string[] = Array.isArray(s.type) ? s.type : [s.type];
    return new Set(list.map((t) => (t === 'integer' ? 'number' : t)));
  }
  const alternatives: Schema[] | undefined = s.anyOf ?? s.oneOf;
  if (alternatives) {
    const out = new Set<string>();
    for (const a of alternatives) {
      const t = typesOf(a, doc);
      if (!t) return undefined;
      for (const x of t) out.add(x);
    }
    return out;
  }
  if (s.allOf) {
    for (const a of s.allOf) {
      const t = typesOf(a, doc);
      if (t) return t;
    }
  }
  if (s.properties) return new Set(['object']);
  return undefined;
}

function resolve(schema: Schema | undefined, doc: Schema): Schema | undefined {
  if (!schema?.$ref) return schema;
  const path = String(schema.$ref).replace(/^#\//, '').split('/');
  return path.reduce<any>((o, k) => o?.[k], doc);
}

const jsonType = (v: unknown): string =>
  v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v === 'number' ? 'number' : typeof v;

const SAMPLES: Record<string, unknown> = {
  string: 'x',
  number: 12345,
  boolean: true,
  null: null,
  array: [1],
  object: { a: 1 },
};

/** A value that passes a path parameter's schema, so the request gets past the path to what it is fuzzing. */
export function validParam(schema: Schema, name: string): string {
  if (schema.enum) return String(schema.enum[0]);
  if (schema.type === 'integer') return String(schema.minimum ?? 1);
  if (schema.format === 'date') return '2025-03-01';
  const candidates = [
    name === 'mineId' ? 'm-taiyuan' : 'fz-none-1',
    'fz-none-1',
    `ntf-${'0'.repeat(24)}`,
    'gas_grade_appraisal',
  ];
  const pattern = schema.pattern ? new RegExp(schema.pattern) : undefined;
  return candidates.find((c) => !pattern || pattern.test(c)) ?? 'x1';
}

const BAD_PATH_VALUES = [
  '..%2F..%2Fetc%2Fpasswd',
  '..',
  '%00',
  'a%00b',
  '%E0%A4%A',
  '%',
  'A'.repeat(300),
  '%E7%85%A4%E7%9F%BF',
  "'%20OR%201%3D1--",
  '%F0%9F%92%A5',
  '-1',
];

/** Query values that break a query parameter's schema, or [] when nothing certain breaks it. */
function badQueryValues(schema: Schema): string[] {
  const out: string[] = [];
  if (schema.enum) out.push('zz-not-a-value', '');
  if (schema.type === 'integer' || schema.type === 'number')
    out.push('abc', '1e999', 'NaN', String((schema.minimum ?? 0) - 1), '1.5', '9'.repeat(400));
  if (schema.format === 'date') out.push('2025-02-30', '2025-13-01', 'yesterday');
  if (schema.pattern) out.push('../..', '%00', 'Ω'.repeat(70));
  if (schema.maxLength !== undefined) out.push('q'.repeat(Math.max(schema.maxLength + 1, 5000)));
  if (schema.minLength) out.push('');
  return out.map(encodeURIComponent);
}

/** Property values that certainly break a property's schema. Raw JSON text, so non-finite numbers can be sent. */
function badPropertyValues(schema: Schema | undefined, doc: Schema, rnd: () => unknown, nested = false): string[] {
  const s = resolve(schema, doc);
  const types = typesOf(s, doc);
  if (!types || !s) return [];
  const out: string[] = [];
  for (const [t, v] of Object.entries(SAMPLES)) if (!types.has(t)) out.push(JSON.stringify(v));
  // Inside an object or an array item: the wrong types, a bad enum value and a huge string are enough.
  if (nested) {
    if (s.enum) out.push(JSON.stringify('zz-not-a-value'));
    if (types.has('string') && types.size === 1 && s.maxLength !== undefined)
      out.push(JSON.stringify('字'.repeat(s.maxLength + 1)));
    return out;
  }
  // Deep nesting where no object or array belongs.
  if (!types.has('array')) out.push(`${'['.repeat(3000)}${']'.repeat(3000)}`);
  if (!types.has('object')) out.push(`${'{"a":'.repeat(2000)}1${'}'.repeat(2000)}`);
  if (s.enum) out.push(JSON.stringify('zz-not-a-value'));
  if (types.has('number') && !types.has('string')) {
    out.push('1e999', '-1e999');
    if (s.minimum !== undefined) out.push(String(s.minimum - 1));
    if (s.maximum !== undefined) out.push(String(s.maximum + 1));
    if (s.type === 'integer') out.push('1.5');
  }
  if (types.has('string') && types.size === 1) {
    if (s.maxLength !== undefined) out.push(JSON.stringify('字'.repeat(Math.max(s.maxLength + 1, HUGE))));
    if (s.format === 'date') out.push('"2025-02-30"', '"2025-13-01"');
    if (s.format === 'date-time') out.push('"2025-02-30T00:00:00Z"');
    if (s.minLength) out.push('""');
  }
  if (types.has('array') && types.size === 1) {
    const item = resolve(s.items, doc);
    const itemTypes = typesOf(item, doc);
    // A huge array of items of a type the items never are (when they admit anything, no item is wrong).
    const wrong = itemTypes && Object.entries(SAMPLES).find(([t]) => !itemTypes.has(t));
    if (wrong) out.push(`[${Array(20_000).fill(JSON.stringify(wrong[1])).join(',')}]`);
    // One item more than allowed, each generated junk (short, so a 100,000-row limit stays a small body).
    if (s.maxItems !== undefined) {
      const junk = JSON.stringify(rnd());
      const each = junk.length <= 24 ? junk : '0';
      out.push(
        `[${Array(s.maxItems + 1)
          .fill(each)
          .join(',')}]`,
      );
    }
  }
  return out;
}

/**
 * The bad requests of one operation. A body over the limit is sent only when `overLimitBytes` is given (it costs
 * that many bytes a request).
 */
export function badRequests(
  doc: Schema,
  path: string,
  method: string,
  op: Operation,
  options: { seed: number; overLimitBytes?: number },
): FuzzRequest[] {
  const rnd = randomValues(options.seed);
  const upper = method.toUpperCase();
  const out: FuzzRequest[] = [];
  const params = op.parameters ?? [];
  const pathParams = params.filter((p) => p.in === 'path');
  const queryParams = params.filter((p) => p.in === 'query');
  const goodPath = pathParams.reduce(
    (p, prm) => p.replace(`{${prm.name}}`, encodeURIComponent(validParam(prm.schema, prm.name))),
    path,
  );
  const push = (why: string, r: { path?: string; headers?: Record<string, string>; body?: string }) =>
    out.push({
      operation: op.operationId,
      method: upper,
      path: r.path ?? goodPath,
      headers: r.headers ?? {},
      why,
      ...(r.body !== undefined ? { body: r.body } : {}),
    });

  // Bad path ids, one parameter at a time, the others valid.
  for (const prm of pathParams) {
    for (const bad of BAD_PATH_VALUES) {
      const p = pathParams.reduce(
        (acc, q) => acc.replace(`{${q.name}}`, q === prm ? bad : encodeURIComponent(validParam(q.schema, q.name))),
        path,
      );
      push(
        `path ${prm.name}=${bad.slice(0, 40)}`,
        upper === 'GET' ? { path: p } : { path: p, headers: { 'content-type': JSON_TYPE }, body: '{}' },
      );
    }
  }
  // Bad query values, one parameter at a time (only GET: a write's query never stands alone).
  for (const prm of queryParams) {
    for (const bad of badQueryValues(prm.schema)) {
      const q = `${goodPath}?${encodeURIComponent(prm.name)}=${bad}`;
      push(
        `query ${prm.name}=${decodeURIComponent(bad).slice(0, 40)}`,
        upper === 'GET' ? { path: q } : { path: q, headers: { 'content-type': JSON_TYPE }, body: '{"__fz":' },
      );
    }
  }
  // A malformed query string and a forged token, whatever the route.
  const malformedQuery = `${goodPath}?%ZZ=%&limit=%E0%A4%A&cursor=%00`;
  push(
    'malformed query escapes',
    upper === 'GET'
      ? { path: malformedQuery }
      : { path: malformedQuery, headers: { 'content-type': JSON_TYPE }, body: '{"a":' },
  );
  if (!op.security)
    push('forged bearer token', { path: goodPath, headers: { authorization: 'Bearer eyJhbGciOiJub25lIn0.e30.' } });
  if (upper === 'GET') return out;

  // Whatever the route: malformed JSON, a wrong content type, and (sometimes) a body over the limit.
  for (const text of ['{"a":', '{', 'nul', '[1,]', '\u0000', '{"a":1}}'])
    push(`malformed JSON ${JSON.stringify(text)}`, { headers: { 'content-type': JSON_TYPE }, body: text });
  for (const type of [
    'text/plain',
    'application/xml',
    'multipart/form-data; boundary=x',
    'application/x-www-form-urlencoded',
  ])
    push(`content-type ${type}`, { headers: { 'content-type': type }, body: '<a>1</a>' });
  if (options.overLimitBytes)
    push('body over the limit', {
      headers: { 'content-type': JSON_TYPE },
      body: `{"a":"${'x'.repeat(options.overLimitBytes)}"}`,
    });

  const schema = resolve(op.requestBody?.content?.[JSON_TYPE]?.schema, doc);
  if (!schema) return out;
  const json = (why: string, body: string) => push(why, { headers: { 'content-type': JSON_TYPE }, body });
  const required: string[] = schema.required ?? [];
  const props: Record<string, Schema> = schema.properties ?? {};
  const bodyTypes = typesOf(schema, doc);
  if (bodyTypes)
    for (const [t, v] of Object.entries(SAMPLES)) if (!bodyTypes.has(t)) json(`body of type ${t}`, JSON.stringify(v));
  json('deeply nested array body', `${'['.repeat(5000)}${']'.repeat(5000)}`);
  if (required.length) {
    json('empty object', '{}');
    json('deeply nested unknown key, required missing', `{"z":${'{"a":'.repeat(3000)}1${'}'.repeat(3000)}}`);
    json('unicode keys, required missing', JSON.stringify({ '\u202e煤矿\ud83d\udca5': '\u0000\uffff' }));
  }
  // One property broken at a time, the rest absent: with a required field missing that is two faults, and the
  // broken one is certain on its own.
  const shown = (bad: string) => `${bad.slice(0, 40)}${bad.length > 40 ? `… (${bad.length} chars)` : ''}`;
  for (const [name, prop] of Object.entries(props)) {
    const key = JSON.stringify(name);
    for (const bad of badPropertyValues(prop, doc, rnd)) json(`${name}: ${shown(bad)}`, `{${key}:${bad}}`);
    // One level down: a field of an object, or of an array's one item.
    const p = resolve(prop, doc);
    const item = p?.type === 'array' ? resolve(p.items, doc) : undefined;
    for (const [inner, wrap] of [
      [p, (v: string) => v],
      [item, (v: string) => `[${v}]`],
    ] as const) {
      for (const [sub, subSchema] of Object.entries<Schema>(inner?.properties ?? {}))
        for (const bad of badPropertyValues(subSchema, doc, rnd, true))
          json(`${name}.${sub}: ${shown(bad)}`, `{${key}:${wrap(`{${JSON.stringify(sub)}:${bad}}`)}}`);
    }
  }
  return out;
}

/** Junk values from fast-check, reproducible from the seed. */
function randomValues(seed: number): () => unknown {
  const values = fc.sample(fc.jsonValue({ maxDepth: 2 }), { seed, numRuns: 50 });
  let i = 0;
  return () => values[i++ % values.length];
}
