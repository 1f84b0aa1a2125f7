import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The README's threat model names, for each attack, the test that tries it. This holds the names to the tree: every
 * test file or folder it names exists, and every test it quotes (`file › words of its title`) is in that file, so
 * the model cannot point at a test that was renamed or removed.
 */
const ROOT = resolve(import.meta.dirname, '../..');
const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
const section = readme.slice(
  readme.indexOf('## Threat model'),
  readme.indexOf('\n## ', readme.indexOf('## Threat model') + 1),
);
const rows = section.split('\n').filter((line) => /^\| \d+ \|/.test(line));
/** Titles are quoted with plain apostrophes; the tests often use typographic ones. */
const plain = (text: string) => text.replace(/[’‘]/g, "'");

interface Citation {
  readonly row: string;
  readonly path: string;
  readonly titles: string[];
}

const citations: Citation[] = rows.flatMap((line) => {
  const cells = line.split(' | ');
  const row = cells[0]!.replace('| ', '');
  const testCell = cells.at(-1)!.replace(/ \|$/, '');
  // `path` optionally followed by › title; title; … up to the next `path`.
  return [...testCell.matchAll(/`(tests\/[^`]+)`([^`]*)/g)].map((m) => ({
    row,
    path: m[1]!,
    titles: m[2]!.includes('›')
      ? m[2]!
          .slice(m[2]!.indexOf('›') + 1)
          .split(';')
          .map((t) => t.replace(/\(.*?\)/g, '').trim())
          .filter(Boolean)
      : [],
  }));
});

describe('the threat model in the README', () => {
  it('has its rows, each naming at least one test', () => {
    expect(rows.length).toBeGreaterThanOrEqual(15);
    for (const line of rows) expect(line, line.slice(0, 80)).toMatch(/`tests\//);
  });

  it.each(citations.map((c) => [c.row, c.path, c] as const))(
    'row %s: %s exists and holds the tests it quotes',
    (_r, path, c) => {
      const full = join(ROOT, path);
      expect(existsSync(full), `${path} does not exist`).toBe(true);
      if (statSync(full).isDirectory()) return;
      const source = plain(readFileSync(full, 'utf8'));
      for (const title of c.titles) {
        // A quoted title may join a describe and its test: each part of at least a few words must be in the file.
        const words = plain(title);
        const found =
          source.includes(words) || words.split(/: (?=[a-z])/).every((part) => source.includes(part.trim()));
        expect(found, `${path} has no test titled like “${title}”`).toBe(true);
      }
    },
  );
});
