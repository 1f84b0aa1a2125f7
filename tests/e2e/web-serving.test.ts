import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildWebApp, FIRST_LOAD_SCRIPT_BUDGET, type WebFile } from '#lib/build/web-app.ts';
import { IMMUTABLE_CACHE } from '#lib/build/web-headers.ts';
import { DEMO_TOKEN_INPUTS, type LocalRuntime } from '#local/runtime.ts';
import { DEMO_CITY_DISTRICTS, DEMO_CITY_MINES } from '#local/seed/demo-city.ts';
import { DEMO_JURISDICTION, DEMO_MINES } from '#local/seed/demo-district.ts';
import { DEMO_ROLE_LABELS } from '#local/web-app.ts';
import { client, expectProblem, ok, startTestRuntime } from '../support/local-runtime.ts';

/** The web dashboard as the local runtime serves it: the page, its hashed files, its config and the demo users. */
let rt: LocalRuntime;
let http: ReturnType<typeof client>;
let built: WebFile[];

beforeAll(async () => {
  [rt, built] = await Promise.all([startTestRuntime(), buildWebApp()]);
  http = client(rt.url);
});
afterAll(async () => rt?.stop());

/** The /assets/… files a page names in its script and stylesheet tags. */
const assetsOf = (html: string): string[] => [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map((m) => m[1]!);

describe('the page', () => {
  it('GET / is the app in zh-CN, revalidated each time, naming its script and style by content hash', async () => {
    const page = await http('GET', '/');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('cache-control')).toBe('no-cache');
    expect(page.body).toMatch(/<html lang="zh-CN">/);
    const assets = assetsOf(page.body);
    expect(
      assets.some((a) => /^\/assets\/main-[A-Z0-9]{8,}\.js$/.test(a)),
      assets.join(', '),
    ).toBe(true);
    for (const a of assets) expect(a).toMatch(/-[A-Z0-9]{8,}\.(js|css)$/);
    expect((await http('GET', '/index.html')).body).toBe(page.body);
  });

  it('sends the same security headers CloudFront adds: scripts from the site only, no framing', async () => {
    const page = await http('GET', '/');
    expect(page.headers.get('content-security-policy')).toMatch(/script-src 'self'(;|$)/);
    expect(page.headers.get('content-security-policy')).toMatch(/frame-ancestors 'none'/);
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    expect(page.headers.get('x-frame-options')).toBe('DENY');
  });

  it('serves every file the page names with its content type, cached for good', async () => {
    const assets = assetsOf((await http('GET', '/')).body);
    expect(assets.length).toBeGreaterThan(0);
    for (const path of assets) {
      const res = await fetch(`${rt.url}${path}`);
      expect(res.status, path).toBe(200);
      expect(res.headers.get('content-type'), path).toBe(
        path.endsWith('.js') ? 'text/javascript; charset=utf-8' : 'text/css; charset=utf-8',
      );
      expect(res.headers.get('cache-control'), path).toBe(IMMUTABLE_CACHE);
      expect((await res.arrayBuffer()).byteLength, path).toBeGreaterThan(0);
    }
  });

  it('serves every file of the build byte for byte, lazy chunks included', async () => {
    for (const file of built.filter((f) => f.path !== 'index.html')) {
      const res = await fetch(`${rt.url}/${file.path}`);
      expect(res.status, file.path).toBe(200);
      expect(res.headers.get('content-type'), file.path).toBe(file.contentType);
      expect(Buffer.from(await res.arrayBuffer()).equals(Buffer.from(file.contents)), file.path).toBe(true);
    }
  });

  it('answers 304 to a browser that has the file already', async () => {
    const first = await fetch(`${rt.url}/`);
    const etag = first.headers.get('etag');
    expect(etag).toBeTruthy();
    expect((await fetch(`${rt.url}/`, { headers: { 'if-none-match': etag! } })).status).toBe(304);
  });

  it('an unknown file under /assets/ is a 404 problem', async () => {
    expectProblem(await http('GET', '/assets/main-NOSUCHFILE.js'), 404);
    expectProblem(await http('GET', '/assets/'), 404);
  });

  it('keeps its first-load script within 300 kB and 100 kB gzipped, the workbench pages loaded on demand', () => {
    const initialJs = built.filter((f) => f.initial && f.path.endsWith('.js'));
    expect(initialJs.length).toBeGreaterThan(0);
    const bytes = initialJs.reduce((n, f) => n + f.contents.byteLength, 0);
    const gzip = initialJs.reduce((n, f) => n + gzipSync(f.contents, { level: 9 }).byteLength, 0);
    expect(bytes, `first-load script ${bytes} bytes (${gzip} gzip)`).toBeLessThanOrEqual(
      FIRST_LOAD_SCRIPT_BUDGET.bytes,
    );
    expect(gzip, `first-load script ${bytes} bytes (${gzip} gzip)`).toBeLessThanOrEqual(FIRST_LOAD_SCRIPT_BUDGET.gzip);
    // The evidence panel is in a lazy chunk, not in what the first visit downloads.
    const initialText = initialJs.map((f) => Buffer.from(f.contents).toString('utf8')).join('\n');
    const lazyText = built
      .filter((f) => !f.initial && f.path.endsWith('.js'))
      .map((f) => Buffer.from(f.contents).toString('utf8'))
      .join('\n');
    expect(lazyText).toContain('evidence-panel');
    expect(initialText).not.toContain('evidence-panel');
  });
});

describe('config and demo users', () => {
  it('GET /config.json says sign-in is local', async () => {
    const config = ok(await http('GET', '/config.json'));
    expect(config).toEqual({ auth: 'local' });
  });

  it('GET /local/demo-users lists every ready-made token with a Chinese label naming the role', async () => {
    const { items } = ok(await http('GET', '/local/demo-users'));
    expect(items.map((u: { key: string }) => u.key)).toEqual(Object.keys(DEMO_TOKEN_INPUTS));
    for (const user of items) {
      const input = DEMO_TOKEN_INPUTS[user.key]!;
      expect(user).toMatchObject({ role: input.role, token: rt.tokens[user.key] });
      expect(user.jurisdiction).toBe(input.jurisdiction);
      expect(user.mineId).toBe(input.mineId);
      expect(user.label).toContain(input.name);
      expect(user.label).toContain(DEMO_ROLE_LABELS[input.role]);
      expect(user.label).toMatch(/[\u4e00-\u9fff]/);
    }
    expect(items.find((u: { key: string }) => u.key === 'inspector').label).toContain('监管检查员');
  });

  it("each demo user's token is accepted by the API, with that user's scope", async () => {
    const { items } = ok(await http('GET', '/local/demo-users'));
    const mines = async (key: string) => {
      const token = items.find((u: { key: string }) => u.key === key).token as string;
      return http('GET', '/v1/mines?limit=200', { token });
    };
    for (const key of ['bureau_admin', 'inspector', 'legal_reviewer'])
      expect(ok(await mines(key)).items, key).toHaveLength(13);
    expect(ok(await mines('inspector_other_district')).items).toHaveLength(0);
    // The city's bureau reads the mines of its three districts; GET /v1/mines?jurisdiction= narrows to one.
    const city = ok(await mines('city_admin')).items as { mineId: string; jurisdiction: string }[];
    expect(city).toHaveLength(DEMO_MINES.length + DEMO_CITY_MINES.length);
    expect(new Set(city.map((m) => m.jurisdiction))).toEqual(
      new Set([DEMO_JURISDICTION, ...DEMO_CITY_DISTRICTS.map((d) => d.jurisdiction)]),
    );
    const cityToken = items.find((u: { key: string }) => u.key === 'city_admin').token as string;
    for (const d of DEMO_CITY_DISTRICTS) {
      const one = ok(await http('GET', `/v1/mines?limit=200&jurisdiction=${d.jurisdiction}`, { token: cityToken }));
      expect(one.items.map((m: { mineId: string }) => m.mineId).sort()).toEqual(d.mines.map((m) => m.id).sort());
    }
    for (const user of items) expect((await mines(user.key)).status, user.key).not.toBe(401);
  });
});

describe('the API beside it', () => {
  it('keeps its routes: the reference, the OpenAPI document, 401 without a token', async () => {
    expect((await http('GET', '/docs')).headers.get('content-type')).toMatch(/^text\/html/);
    expect(ok(await http('GET', '/openapi.json')).openapi).toMatch(/^3\.1/);
    expectProblem(await http('GET', '/v1/mines'), 401);
    expect(ok(await http('GET', '/health')).status).toBe('ok');
  });

  it('leaves methods other than GET to the API', async () => {
    expect((await http('POST', '/config.json', { body: {} })).status).toBe(404);
  });
});
