import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { creditCodeCheckChar } from '#lib/validators/credit-code.ts';
import { silentLogger } from '#local/logger.ts';
import { type LocalRuntime, startLocalRuntime } from '#local/runtime.ts';
import { checkResponse } from './response-check.ts';
import { freshTable } from './test-db.ts';

/** The local runtime on a free port, on the shared DynamoDB Local with a table of its own, demo district seeded. */
export async function startTestRuntime(
  options: { seed?: boolean; emailThroughSes?: boolean } = {},
): Promise<LocalRuntime> {
  const { endpoint, tableName } = await freshTable('e2e');
  return startLocalRuntime({
    dataDir: mkdtempSync(join(tmpdir(), 'coalsafe-e2e-')),
    port: 0,
    dynamoEndpoint: endpoint,
    tableName,
    seed: options.seed ?? true,
    emailThroughSes: options.emailThroughSes ?? false,
    logger: silentLogger,
  });
}

export interface Reply {
  status: number;
  headers: Headers;
  body: any;
}

/**
 * A small HTTP client: JSON in, JSON (or text) out, with an optional bearer token. Every 2xx JSON answer of the API
 * is held against its route's response schema in /openapi.json; a mismatch throws, failing the test.
 */
export function client(baseUrl: string) {
  return async (
    method: string,
    path: string,
    options: { token?: string | undefined; body?: unknown; headers?: Record<string, string> } = {},
  ): Promise<Reply> => {
    const res = await fetch(`${baseUrl}${path}`, {
      method,
      headers: {
        ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
        ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...options.headers,
      },
      ...(options.body !== undefined
        ? { body: typeof options.body === 'string' ? options.body : JSON.stringify(options.body) }
        : {}),
    });
    const text = await res.text();
    let body: unknown = text;
    if (/json/.test(res.headers.get('content-type') ?? '') && text) body = JSON.parse(text);
    checkResponse({ method, path, status: res.status, contentType: res.headers.get('content-type'), body });
    return { status: res.status, headers: res.headers, body };
  };
}

/** The field names of a problem's error list. */
export const problemFields = (r: Reply): string[] => (r.body.errors ?? []).map((e: { field: string }) => e.field);

/** A problem+json answer with this status (and, given, exactly these fields). */
export function expectProblem(r: Reply, status: number, fieldNames?: string[]): void {
  expect(r.status, JSON.stringify(r.body)).toBe(status);
  expect(r.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  expect(r.body).toMatchObject({
    status,
    type: expect.stringMatching(/^urn:coalsafe:problem:/),
    title: expect.any(String),
  });
  if (fieldNames) expect(problemFields(r)).toEqual(fieldNames);
}

/** The body of an answer with this status. */
export function ok(r: Reply, status = 200): any {
  expect(r.status, JSON.stringify(r.body)).toBe(status);
  return r.body;
}

/**
 * A valid body for `POST /v1/mines` in the demo district: a small low-gas mine, standardisation grade 3. A test names
 * what matters to it (the name, the credit code, the status) and leaves the rest.
 */
export const mineBody = (mineId: string, fields: { name: string; creditCode: string } & Record<string, unknown>) => ({
  mineId,
  jurisdiction: 'hlj/hegang/dongshan',
  approvedCapacityTonnesPerYear: 150000,
  gasGrade: 'low',
  hydrogeology: 'simple',
  standardisationGrade: 'grade3',
  ...fields,
});

/**
 * A mine in another district (hlj/hegang/xingshan by default), created by a token that reaches it: the "other
 * jurisdiction" of a tenancy matrix. The credit code is `first17` with its check character.
 */
export async function createMineElsewhere(
  http: ReturnType<typeof client>,
  token: string,
  mine: { mineId: string; name: string; first17: string; jurisdiction?: string },
): Promise<void> {
  const created = await http('POST', '/v1/mines', {
    token,
    body: mineBody(mine.mineId, {
      name: mine.name,
      creditCode: mine.first17 + creditCodeCheckChar(mine.first17),
      jurisdiction: mine.jurisdiction ?? 'hlj/hegang/xingshan',
    }),
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
}
