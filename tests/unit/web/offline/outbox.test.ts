import { describe, expect, it } from 'vitest';
import {
  flush,
  type JsonWrite,
  memoryStorage,
  missingRefs,
  newEntry,
  Offline,
  type OutboxEntry,
  type OutboxStorage,
  Refused,
  resolveRefs,
} from '#web/src/offline/outbox.ts';

const json = (path: string, body: unknown = {}): JsonWrite => ({ type: 'json', method: 'POST', path, body });
let n = 0;
const add = async (s: OutboxStorage, input: Pick<OutboxEntry, 'label' | 'write' | 'produces'>) => {
  const e = newEntry(await s.all(), input, new Date('2026-12-02T08:00:00Z'), () => `e${++n}`);
  await s.put(e);
  return e;
};

/** A server that answers each path with a new id, remembers the Idempotency-Keys it saw, and can be switched off. */
function server() {
  const seen: { path: string; key: string; body: unknown }[] = [];
  let online = true;
  const refuse = new Set<string>();
  return {
    seen,
    setOnline: (v: boolean) => {
      online = v;
    },
    refuse: (path: string) => refuse.add(path),
    send: async (entry: OutboxEntry, write: JsonWrite | { type: 'file' }) => {
      if (!online) throw new Offline('fetch failed');
      const w = write as JsonWrite;
      if (refuse.has(w.path)) throw new Refused('检查编号不存在', 422);
      seen.push({ path: w.path, key: entry.idempotencyKey, body: w.body });
      return { inspectionId: 'insp-1', hazardId: `hz-${seen.length}` };
    },
  };
}

describe('refs: a later write names what an earlier one creates', () => {
  it('finds the refs still missing and fills the known ones in path and body, deep', () => {
    const w = json('/v1/inspections/@ref:insp/actions', { inspectionId: '@ref:insp', items: ['@ref:other', 'x'] });
    expect(missingRefs(w, {})).toEqual(['insp', 'other']);
    expect(missingRefs(w, { insp: 'i-9' })).toEqual(['other']);
    expect(resolveRefs(w, { insp: 'i-9' })).toEqual(
      json('/v1/inspections/i-9/actions', { inspectionId: 'i-9', items: ['@ref:other', 'x'] }),
    );
  });
});

describe('flush', () => {
  it('sends in the order written, each with its own key, and fills the inspection id into the hazards', async () => {
    const s = memoryStorage();
    const api = server();
    await add(s, {
      label: '开始检查',
      write: json('/v1/mines/m-a/inspections'),
      produces: { ref: 'i', field: 'inspectionId' },
    });
    await add(s, { label: '隐患 1', write: json('/v1/mines/m-a/hazards', { inspectionId: '@ref:i' }) });
    await add(s, { label: '隐患 2', write: json('/v1/mines/m-a/hazards', { inspectionId: '@ref:i' }) });
    expect(await flush(s, api.send)).toEqual({ sent: 3, refused: 0, waiting: 0, offline: false });
    expect(api.seen.map((x) => x.path)).toEqual([
      '/v1/mines/m-a/inspections',
      '/v1/mines/m-a/hazards',
      '/v1/mines/m-a/hazards',
    ]);
    expect(api.seen.slice(1).map((x) => x.body)).toEqual([{ inspectionId: 'insp-1' }, { inspectionId: 'insp-1' }]);
    expect(new Set(api.seen.map((x) => x.key)).size).toBe(3);
    expect(await s.all()).toEqual([]);
  });

  it('offline: nothing is lost, order holds, and the retry sends the same key (so the API answers it once)', async () => {
    const s = memoryStorage();
    const api = server();
    const first = await add(s, {
      label: '开始检查',
      write: json('/v1/a'),
      produces: { ref: 'j', field: 'inspectionId' },
    });
    await add(s, { label: '隐患', write: json('/v1/b', { inspectionId: '@ref:j' }) });
    api.setOnline(false);
    expect(await flush(s, api.send)).toEqual({ sent: 0, refused: 0, waiting: 2, offline: true });
    expect((await s.all()).find((e) => e.id === first.id)?.attempts).toBe(1);
    api.setOnline(true);
    expect(await flush(s, api.send)).toMatchObject({ sent: 2, waiting: 0 });
    expect(api.seen[0]!.key).toBe(first.idempotencyKey);
  });

  it('a refused write stays with the reason; what needs its answer waits; the rest goes on', async () => {
    const s = memoryStorage();
    const api = server();
    api.refuse('/v1/bad');
    await add(s, { label: '开始检查', write: json('/v1/bad'), produces: { ref: 'k', field: 'inspectionId' } });
    await add(s, { label: '依赖它的隐患', write: json('/v1/hz', { inspectionId: '@ref:k' }) });
    await add(s, { label: '读数', write: json('/v1/readings') });
    expect(await flush(s, api.send)).toEqual({ sent: 1, refused: 1, waiting: 1, offline: false });
    const left = await s.all();
    expect(left.find((e) => e.label === '开始检查')?.refused).toBe('检查编号不存在');
    expect(left.map((e) => e.label).sort()).toEqual(['依赖它的隐患', '开始检查']);
  });

  it('new entries go to the end, each with a key of its own', () => {
    const a = newEntry([], { label: 'a', write: json('/a') }, new Date(), () => 'x1');
    const b = newEntry([a], { label: 'b', write: json('/b') }, new Date(), () => 'x2');
    expect([a.seq, b.seq]).toEqual([1, 2]);
    expect(a.idempotencyKey).not.toBe(b.idempotencyKey);
  });
});
