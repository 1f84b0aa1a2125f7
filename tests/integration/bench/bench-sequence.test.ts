import { describe, expect, it } from 'vitest';
import { benchBulkImport } from '#bench/bulk-import.ts';
import { benchOverview } from '#bench/overview.ts';

/**
 * `npm run bench` runs its benches one after another in one process, each on a DynamoDB Local of its own that it
 * stops when done. The handlers' shared client is built once per process for the first endpoint it sees, so a bench
 * measured in that process ties every later one to a stopped DynamoDB Local: the overview bench runs in a child.
 */
describe('npm run bench, one bench after another', () => {
  it('the bulk import after the province overview reaches its own DynamoDB Local and passes', async () => {
    const overview = await benchOverview({ mines: 40, cities: 2, districtsPerCity: 2, reads: 2 });
    expect(overview.pass).toBe(true);
    expect(overview.provinceMines).toBe(40);
    const imported = await benchBulkImport(400);
    expect({ accepted: imported.accepted, rejected: imported.rejected, pass: imported.pass }).toEqual({
      accepted: 396,
      rejected: 4,
      pass: true,
    });
  }, 180_000);
});
