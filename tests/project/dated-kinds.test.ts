import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DATED_KINDS, DEFAULT_REMINDER_RULES, REMINDER_KINDS } from '#lib/reminders/dated-kinds.ts';
import { dueIndexWrites, type Source } from './due-index.ts';

/**
 * Every dated item the store indexes is reminded: each kind any capability writes to the due-date index (GSI2
 * `DUE#<path>`) is declared in the reminder scan's registry of dated kinds, with a rule and a reminder, or as a
 * kind the index holds for a job (and why no one is reminded of it); the registry declares no kind nothing writes,
 * and every item goes on the index through its key functions, so the kinds read here are all there are.
 */
const ROOT = resolve(import.meta.dirname, '../..');
const files = spawnSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', 'lib/*.ts'], {
  cwd: ROOT,
  encoding: 'utf8',
})
  .stdout.split('\n')
  .filter(Boolean);
const sources: Source[] = files.map((file) => ({ file, text: readFileSync(resolve(ROOT, file), 'utf8') }));
const written = dueIndexWrites(sources);
const declared = new Set(DATED_KINDS.map((k) => k.indexKind));

/** The kinds written and not declared. */
const undeclared = (w: ReturnType<typeof dueIndexWrites>, d: ReadonlySet<string>) =>
  [...w.kinds.keys()].filter((k) => !d.has(k)).sort();

describe('the registry of dated kinds covers the due-date index', () => {
  it('reads the index writers of the tree (the check has something to hold)', () => {
    // Each kind as the tree writes it today; a new one must be declared (below) and named here.
    expect([...written.kinds.keys()].sort()).toEqual([
      'ACCEPTANCE',
      'BLACKLISTEND',
      'BLACKLISTOBJECTION',
      'CALENDAR',
      'CASE',
      'CERTIFICATE',
      'DIRECTIVE',
      'DUTY',
      'ENFPLAN',
      'HAZARD',
      'INSPECTION',
      'INSPECTIONDUE',
      'LICENCE',
      'MONTHLYREPORT',
      'PENALTY',
      'PUBLICATIONDUE',
      'SMSHELD',
      'STATUS',
      'TIPOFFDUE',
    ]);
    expect(written.kinds.get('PENALTY')).toEqual(['lib/penalties/penalty-keys.ts']);
    expect(written.kinds.get('CERTIFICATE')).toEqual(['lib/registry/certificates.ts']);
    expect(written.kinds.get('INSPECTION')).toEqual(['lib/inspections/inspection-item.ts']);
    expect(written.kinds.get('INSPECTIONDUE')).toEqual(['lib/credit/credit-store.ts']);
    expect(written.kinds.get('ENFPLAN')).toEqual(['lib/enforcement-plan/plan-item.ts']);
    expect(written.kinds.get('PUBLICATIONDUE')).toEqual(['lib/disclosure/disclosure-item.ts']);
    expect(written.kinds.get('MONTHLYREPORT')).toEqual(['lib/reports/monthly-item.ts']);
  });

  it('resolves the kind of every gsi2.dueItem call to one string', () => {
    expect(written.unresolved).toEqual([]);
  });

  it('puts items on GSI2 only with gsi2.due and gsi2.dueItem', () => {
    expect(written.bypasses).toEqual([]);
  });

  it('declares every kind written to the index', () => {
    expect(undeclared(written, declared)).toEqual([]);
  });

  it('declares no kind nothing writes, and each kind once', () => {
    expect([...declared].filter((k) => !written.kinds.has(k))).toEqual([]);
    expect(DATED_KINDS.length).toBe(declared.size);
  });

  it('reminds of every kind but those the index holds for a job', () => {
    const unreminded = DATED_KINDS.filter((k) => 'notReminded' in k).map((k) => k.indexKind);
    expect(unreminded.sort()).toEqual(['SMSHELD', 'STATUS']);
  });

  it('gives every rule one kind, and the policy every rule', () => {
    const rules = DATED_KINDS.flatMap((k) => ('rules' in k ? Object.keys(k.rules) : []));
    expect(new Set(rules).size).toBe(rules.length);
    expect([...REMINDER_KINDS].sort()).toEqual([...rules].sort());
    for (const r of rules) expect(DEFAULT_REMINDER_RULES[r as keyof typeof DEFAULT_REMINDER_RULES], r).toBeDefined();
  });
});

describe('the check fails where it should', () => {
  const tree = (extra: string): Source[] => [...sources, { file: 'lib/tip-offs/tip-off-item.ts', text: extra }];

  it('names a kind written to the index and not declared', () => {
    const w = dueIndexWrites(
      tree(`export const TIP_OFF_DUE_KIND = 'TIPOFF';
const keys = (t) => ({ GSI2PK: gsi2.due(t.jurisdiction), GSI2SK: gsi2.dueItem(t.replyBy, TIP_OFF_DUE_KIND, t.mineId, t.id) });`),
    );
    expect(undeclared(w, declared)).toEqual(['TIPOFF']);
  });

  it('resolves a kind named by a property of a const object', () => {
    const w = dueIndexWrites(
      tree(`const tipOffKey = { dueKind: 'TIPOFF' } as const;
const keys = (t) => ({ GSI2PK: gsi2.due(t.jurisdiction), GSI2SK: gsi2.dueItem(t.replyBy, tipOffKey.dueKind, t.mineId, t.id) });`),
    );
    expect(undeclared(w, declared)).toEqual(['TIPOFF']);
  });

  it('names a kind it cannot resolve', () => {
    const w = dueIndexWrites(
      tree(`const keys = (t) => ({ GSI2PK: gsi2.due(t.j), GSI2SK: gsi2.dueItem(t.d, t.kind, t.m, t.id) });`),
    );
    expect(w.unresolved).toEqual(['lib/tip-offs/tip-off-item.ts: t.kind']);
  });

  it('names an item put on the index by hand', () => {
    const w = dueIndexWrites(tree(`const keys = (t) => ({ GSI2PK: \`DUE#\${t.d}\`, GSI2SK: \`TIPOFF#\${t.m}\` });`));
    expect(w.bypasses).toHaveLength(1);
    expect(w.bypasses[0]).toMatch(/^lib\/tip-offs\/tip-off-item\.ts: /);
  });
});
