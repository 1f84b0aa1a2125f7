/**
 * The bulk-import check of `npm run bench`: a grid company file of 100,000 rows with 1 % bad rows, posted over
 * HTTP to the local runtime, with a queue that delivers every message twice. It verifies that every good row is
 * stored exactly once and every bad row reported, and prints how long it took. (`npm test` runs the same check
 * with 2,000 rows.) The rows are the last year's days of synthetic mines of the demo district, as many mines as the
 * rows need: a reading is only taken on a day its meter was in use, so a year of a few demo mines cannot hold them.
 */
// The handlers' environment before anything imports them (no X-Ray context hook; local/lambda-env.ts).
import '#local/lambda-env.ts';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { installQueueSender } from '#lib/queue/sender.ts';
import { creditCodeOwner } from '#lib/registry/mines.ts';
import { pk } from '#lib/store/keys.ts';
import { queryAll } from '#lib/store/query.ts';
import { addDays, todayInShanghai } from '#lib/validators/business-date.ts';
import { silentLogger } from '#local/logger.ts';
import { startLocalRuntime } from '#local/runtime.ts';
import { DEMO_JURISDICTION } from '#local/seed/demo-district.ts';
import { writeAll } from './nightly/batch-writer.ts';
import { type Item, METER_ID, registryItems, syntheticMine } from './nightly/synthetic-mines.ts';

/** Days back from yesterday each mine's rows cover: within the year its synthetic meter has been in use. */
const DAYS = 360;

/** The import's mines: synthetic mines of the demo district (profile, meter, equipment, credit code). */
function importMines(
  count: number,
  today: string,
  at: string,
): { items: Item[]; mines: { mineId: string; creditCode: string }[] } {
  const items: Item[] = [];
  const mines: { mineId: string; creditCode: string }[] = [];
  for (let i = 0; i < count; i++) {
    const m = { ...syntheticMine(i, 1), jurisdiction: DEMO_JURISDICTION };
    for (const item of registryItems(m, today, at)) {
      items.push(item);
      if (item.entity === 'mine') {
        const creditCode = String(item.creditCode);
        mines.push({ mineId: m.mineId, creditCode });
        items.push(creditCodeOwner(creditCode, m.mineId));
      }
    }
  }
  return { items, mines };
}

export interface BulkImportResult {
  readonly rows: number;
  readonly bad: number;
  readonly seconds: number;
  readonly accepted: number;
  readonly rejected: number;
  readonly stored: number;
  readonly revised: number;
  readonly rejectedRowsMatch: boolean;
  readonly pass: boolean;
}

export async function benchBulkImport(rows = 100_000): Promise<BulkImportResult> {
  const dataDir = mkdtempSync(join(tmpdir(), 'coalsafe-bench-import-'));
  const rt = await startLocalRuntime({ dataDir, port: 0, logger: silentLogger });
  try {
    installQueueSender({
      send: (queue, messages) =>
        rt.queue.send(queue, [...messages, ...messages.map((m) => ({ ...m, id: `${m.id}-again` }))]),
    });
    const today = todayInShanghai();
    const first = addDays(today, -1);
    const { items, mines } = importMines(Math.ceil(rows / DAYS), today, new Date().toISOString());
    await writeAll(rt.db, items.values(), { concurrency: 8 });
    const badRows = new Set<number>();
    const lines = ['creditCode,meterId,date,kwh'];
    for (let i = 0; i < rows; i++) {
      const code = mines[i % mines.length]!.creditCode;
      const day = addDays(first, -Math.floor(i / mines.length));
      if (i % 100 === 42) {
        badRows.add(i + 2);
        lines.push(i % 200 === 42 ? `${code},${METER_ID},${day},-1` : `${code},${METER_ID},${day}x,10`);
      } else lines.push(`${code},${METER_ID},${day},${(2000 + (i % 997)).toFixed(1)}`);
    }
    const started = performance.now();
    const res = await fetch(`${rt.url}/v1/power-imports`, {
      method: 'POST',
      headers: { authorization: `Bearer ${rt.tokens.inspector}`, 'content-type': 'text/csv' },
      body: lines.join('\n'),
    });
    const { importId } = (await res.json()) as { importId: string };
    await rt.queue.drain({ timeoutMs: 60 * 60 * 1000 });
    const seconds = (performance.now() - started) / 1000;

    const reported: number[] = [];
    let cursor: string | null = null;
    let meta: { accepted: number; rejected: number } | undefined;
    do {
      const page = (await (
        await fetch(
          `${rt.url}/v1/power-imports/${importId}?limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
          { headers: { authorization: `Bearer ${rt.tokens.inspector}` } },
        )
      ).json()) as {
        accepted: number;
        rejected: number;
        rejectedRows: { row: number }[];
        nextCursor: string | null;
      };
      meta = page;
      reported.push(...page.rejectedRows.map((r) => r.row));
      cursor = page.nextCursor;
    } while (cursor);
    let stored = 0;
    let revised = 0;
    for (const m of mines) {
      const items = await queryAll<{ revision: number }>(rt.db, {
        partition: pk.mine(m.mineId),
        between: [`POWER#${addDays(first, -DAYS)}`, `POWER#${first}#~`],
      });
      stored += items.length;
      revised += items.filter((r) => r.revision !== 1).length;
    }
    const rejectedRowsMatch = reported.length === badRows.size && reported.every((r) => badRows.has(r));
    const good = rows - badRows.size;
    const pass =
      meta!.accepted === good &&
      meta!.rejected === badRows.size &&
      stored === good &&
      revised === 0 &&
      rejectedRowsMatch;
    return {
      rows,
      bad: badRows.size,
      seconds,
      accepted: meta!.accepted,
      rejected: meta!.rejected,
      stored,
      revised,
      rejectedRowsMatch,
      pass,
    };
  } finally {
    await rt.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

export function printBulkImport(r: BulkImportResult): void {
  console.log(
    `\nbulk import: ${r.rows.toLocaleString('en-US')} rows (${r.bad} bad) over HTTP, every queue message delivered twice`,
  );
  console.log(
    `  ${r.seconds.toFixed(1)} s; accepted ${r.accepted}, rejected ${r.rejected}; stored ${r.stored} readings, ${r.revised} revised by a redelivery; rejected rows reported exactly: ${r.rejectedRowsMatch ? 'yes' : 'no'}`,
  );
  console.log(`  every good row stored once and every bad row reported: ${r.pass ? 'PASS' : 'FAIL'}`);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const n = Number(process.argv[process.argv.indexOf('--rows') + 1]) || 100_000;
  printBulkImport(await benchBulkImport(n));
}
