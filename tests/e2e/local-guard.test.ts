import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '#local/runtime.ts';
import { startTestRuntime } from '../support/local-runtime.ts';

/**
 * The local runtime's own endpoints answer only this machine: a page that rebinds its DNS name to 127.0.0.1 (its own
 * name as Host) or posts a form from another site cannot read the tokens or start a job; the developer's curl can.
 */
let rt: LocalRuntime;
beforeAll(async () => {
  rt = await startTestRuntime({ seed: false });
});
afterAll(async () => rt?.stop());

const call = (method: string, path: string, headers: Record<string, string>) =>
  new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = request(`${rt.url}${path}`, { method, headers }, (res) => {
      let body = '';
      res.on('data', (d: Buffer) => (body += d.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });

describe('/local/* on a laptop', () => {
  const port = () => new URL(rt.url).port;

  it('answers the machine itself', async () => {
    expect((await call('GET', '/local/tokens', { host: `127.0.0.1:${port()}` })).status).toBe(200);
    expect((await call('GET', '/local/demo-users', { host: `localhost:${port()}` })).status).toBe(200);
  });

  it.each([
    ['GET', '/local/tokens', { host: `rebind.example:PORT` }],
    ['GET', '/local/demo-users', { host: `rebind.example:PORT` }],
    ['POST', '/local/jobs/reminder-scan', { host: '127.0.0.1:PORT', origin: 'https://evil.example' }],
    ['POST', '/local/jobs/reminder-scan', { host: '127.0.0.1:PORT', 'sec-fetch-site': 'cross-site' }],
  ])('%s %s from %o → 403, nothing done', async (method, path, headers) => {
    const withPort = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, v.replace('PORT', port())]));
    const reply = await call(method, path, withPort);
    expect(reply.status).toBe(403);
    expect(JSON.parse(reply.body)).toMatchObject({ status: 403, title: '仅限本机访问' });
    expect(reply.body).not.toContain('eyJ');
  });
});
