import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import { ALL_ROUTES } from '#functions/api/routes.ts';
import { buildOpenApi } from '#lib/http/openapi.ts';
import { isBusinessDate } from '#lib/validators/business-date.ts';

/**
 * Holds an API answer against the published reference: a 2xx JSON body must match the JSON Schema that
 * /openapi.json gives its route (method + path template), with every object closed: a property the schema does not
 * name is a mismatch unless the schema itself says `additionalProperties`. So the reference can leave nothing out
 * and get nothing wrong without a test failing.
 */
type JsonSchema = Record<string, unknown>;
interface Operation {
  responses: Record<string, { content?: Record<string, { schema?: JsonSchema }> }>;
}
/** The part of an OpenAPI document the check reads. */
export interface OpenApiPaths {
  paths: Record<string, Record<string, unknown>>;
}

export interface Answer {
  method: string;
  /** The path asked, with or without its query string. */
  path: string;
  status: number;
  contentType: string | null;
  body: unknown;
}

const isJson = (contentType: string | null) => /^application\/([\w.+-]+\+)?json\b/.test(contentType ?? '');

/** The route a path falls under: `{name}` takes one segment, a literal segment wins over a parameter (as API Gateway). */
export function routeTemplate(doc: OpenApiPaths, path: string): string | undefined {
  const segments = path.split('?')[0]!.split('/').filter(Boolean);
  let best: { template: string; literals: number } | undefined;
  for (const template of Object.keys(doc.paths)) {
    const parts = template.split('/').filter(Boolean);
    if (parts.length !== segments.length) continue;
    const fits = parts.every((p, i) => /^\{\w+\}$/.test(p) || p === segments[i]);
    const literals = parts.filter((p) => !p.startsWith('{')).length;
    if (fits && (!best || literals > best.literals)) best = { template, literals };
  }
  return best?.template;
}

/** A copy in which every object that does not say what else it allows allows nothing else. */
export function closeObjects(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(closeObjects);
  if (!schema || typeof schema !== 'object') return schema;
  const node = schema as JsonSchema;
  const out: JsonSchema = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === 'properties' || key === '$defs' || key === 'patternProperties') {
      out[key] = Object.fromEntries(Object.entries(value as JsonSchema).map(([k, v]) => [k, closeObjects(v)]));
    } else if (key === 'enum' || key === 'const' || key === 'examples' || key === 'default' || key === 'required') {
      out[key] = value;
    } else {
      out[key] = closeObjects(value);
    }
  }
  const isObject = node.type === 'object' || 'properties' in node;
  const saysWhatElse = 'additionalProperties' in node || 'unevaluatedProperties' in node || 'patternProperties' in node;
  if (isObject && !saysWhatElse) {
    // Members of an allOf see only their own properties: the whole is closed instead.
    if ('allOf' in node) out.unevaluatedProperties = false;
    else out.additionalProperties = false;
  }
  return out;
}

// Strict, but a record keyed by an enum (zod's z.record) requires its keys without naming them in properties.
const ajv = new Ajv2020({ allErrors: true, strict: true, strictTypes: false, strictRequired: false });
// The formats zod writes into the reference; a value the format does not fit is a mismatch like any other.
ajv.addFormat('date', { type: 'string', validate: isBusinessDate });
ajv.addFormat('email', /^[^\s@]+@[^\s@]+\.[^\s@]+$/);
const compiled = new WeakMap<object, ValidateFunction>();
const validatorOf = (schema: JsonSchema): ValidateFunction => {
  let validate = compiled.get(schema);
  if (!validate) {
    validate = ajv.compile(closeObjects(schema) as JsonSchema);
    compiled.set(schema, validate);
  }
  return validate;
};

const fieldOf = (instancePath: string, child?: unknown) =>
  ['body', ...instancePath.split('/').slice(1), ...(child === undefined ? [] : [String(child)])]
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .join('.');

const describeError = (e: ErrorObject): string => {
  if (e.keyword === 'required') return `${fieldOf(e.instancePath, e.params.missingProperty)}: is required, missing`;
  if (e.keyword === 'additionalProperties')
    return `${fieldOf(e.instancePath, e.params.additionalProperty)}: not in the schema (must NOT have additional properties)`;
  if (e.keyword === 'unevaluatedProperties')
    return `${fieldOf(e.instancePath, e.params.unevaluatedProperty)}: not in the schema (must NOT have unevaluated properties)`;
  if (e.keyword === 'type') return `${fieldOf(e.instancePath)}: must be ${[e.params.type].flat().join(' or ')}`;
  if (e.keyword === 'enum')
    return `${fieldOf(e.instancePath)}: must be one of ${JSON.stringify(e.params.allowedValues)}`;
  return `${fieldOf(e.instancePath)}: ${e.message}`;
};

/**
 * ajv reports an anyOf (a nullable field, a union) as the failure of each branch plus the anyOf itself: one line
 * per anyOf instead, saying what each branch wanted.
 */
function describeErrors(errors: readonly ErrorObject[]): string[] {
  const unions = errors.filter((e) => e.keyword === 'anyOf' || e.keyword === 'oneOf');
  const inUnion = (e: ErrorObject, u: ErrorObject) => e !== u && e.schemaPath.startsWith(`${u.schemaPath}/`);
  const outermost = unions.filter((u) => !unions.some((o) => inUnion(u, o)));
  const lines: string[] = [];
  for (const e of errors) {
    if (outermost.some((u) => inUnion(e, u))) continue;
    if (outermost.includes(e)) {
      const branches = [...new Set(errors.filter((b) => inUnion(b, e)).map(describeError))];
      lines.push(`${fieldOf(e.instancePath)}: ${e.message}: ${branches.join(' | ')}`);
    } else if (!unions.includes(e)) lines.push(describeError(e));
  }
  return collapseItems(lines);
}

/** The same mismatch in many items of an array reads once, with how many more items have it. */
function collapseItems(lines: readonly string[]): string[] {
  const alike = new Map<string, { first: string; count: number }>();
  for (const line of lines) {
    const key = line.replace(/\.\d+(?=[.:])/g, '.#');
    const seen = alike.get(key);
    if (seen) seen.count += 1;
    else alike.set(key, { first: line, count: 1 });
  }
  return [...alike.values()].map(({ first, count }) => (count > 1 ? `${first} (and ${count - 1} more alike)` : first));
}

/**
 * The mismatches between an answer and the reference `doc`, each `<METHOD> <template>: <field>: <what was expected>`;
 * none for a body that matches, and none for what the reference does not cover (an error answer, a redirect, the
 * local runtime's own /health and /local/* endpoints, a page or a file).
 */
export function responseProblems(doc: OpenApiPaths, answer: Answer): string[] {
  if (answer.status < 200 || answer.status >= 300) return [];
  const path = answer.path.split('?')[0]!;
  const template = routeTemplate(doc, path);
  const method = answer.method.toUpperCase();
  if (!template) return path.startsWith('/v1/') ? [`${method} ${path}: no such route in the reference`] : [];
  const route = `${method} ${template}`;
  const operation = doc.paths[template]![method.toLowerCase()] as Operation | undefined;
  if (!operation) return [`${route}: no such route in the reference`];
  const documented = Object.keys(operation.responses).filter((status) => status.startsWith('2'));
  if (!documented.includes(String(answer.status)))
    return [`${route}: answered ${answer.status}, the reference documents ${documented.join(' or ')}`];
  // No content: no body, and no content type naming one.
  if (answer.status === 204) {
    if (answer.body !== '' && answer.body !== undefined) return [`${route}: answered 204 with a body`];
    return answer.contentType
      ? [`${route}: answered 204 without a body but with content-type ${answer.contentType}`]
      : [];
  }
  if (!isJson(answer.contentType)) return [];
  const success = operation.responses[String(answer.status)];
  const schema = success?.content?.['application/json']?.schema;
  if (!schema || Object.keys(schema).length === 0)
    return [`${route}: answered ${answer.status} with JSON, but the reference gives it no response schema`];
  const validate = validatorOf(schema);
  if (validate(answer.body)) return [];
  return describeErrors(validate.errors ?? []).map((line) => `${route}: ${line}`);
}

let published: OpenApiPaths | undefined;
/** The reference as /openapi.json publishes it: the same route table, through the same generator. */
export const publishedReference = (): OpenApiPaths => {
  published ??= buildOpenApi(ALL_ROUTES, { version: 'test' });
  return published;
};

/** Throws, naming each mismatch, when an answer does not match the published reference. */
export function checkResponse(answer: Answer): void {
  const problems = responseProblems(publishedReference(), answer);
  if (problems.length) throw new Error(`The answer does not match /openapi.json:\n${problems.join('\n')}`);
}
