import { ValidationError } from '#lib/errors.ts';
import { apiHandler } from '#lib/http/api-handler.ts';
import {
  MAX_IMPORT_ROWS,
  type ParsedFeedFile,
  type ParsedFile,
  parseCsvFile,
  parseFeedCsvFile,
  parseFeedJsonRows,
  parseJsonRows,
} from '#lib/power/imports/parse-rows.ts';
import { getImport, type ParsedImport, startImport } from '#lib/power/imports/power-import.ts';
import { queueSender } from '#lib/queue/sender.ts';
import { powerImportRoutes } from './power-imports.routes.ts';

/** Bulk imports of the grid company's daily files and the networked supervision platform's monitoring files. */
export const handler = apiHandler(powerImportRoutes, {
  createPowerImport: async ({ store, body, rawBody, query }) => {
    const now = store.now();
    const kind = query.kind ?? 'power';
    if (kind !== 'power') {
      let file: ParsedFeedFile;
      if (rawBody !== undefined) {
        const csv = parseFeedCsvFile(kind, rawBody, now);
        if ('error' in csv)
          throw new ValidationError(csv.error, [{ field: 'body', message: 'header line missing or incomplete' }]);
        if (csv.total > MAX_IMPORT_ROWS)
          throw new ValidationError(`一次最多导入 ${MAX_IMPORT_ROWS} 行`, [
            { field: 'body', message: `at most ${MAX_IMPORT_ROWS} rows` },
          ]);
        file = csv;
      } else file = parseFeedJsonRows(kind, body!.rows, now);
      const parsed: ParsedImport = { kind, file };
      const meta = await startImport(store, parsed, rawBody !== undefined ? 'csv' : 'json', queueSender());
      return { status: 202, body: meta, headers: { location: `/v1/power-imports/${meta.importId}` } };
    }
    let parsed: ParsedFile;
    if (rawBody !== undefined) {
      const csv = parseCsvFile(rawBody, now);
      if ('error' in csv)
        throw new ValidationError(csv.error, [{ field: 'body', message: 'header line missing or incomplete' }]);
      if (csv.total > MAX_IMPORT_ROWS)
        throw new ValidationError(`一次最多导入 ${MAX_IMPORT_ROWS} 行`, [
          { field: 'body', message: `at most ${MAX_IMPORT_ROWS} rows` },
        ]);
      parsed = csv;
    } else {
      parsed = parseJsonRows(body!.rows, now);
    }
    const meta = await startImport(store, parsed, rawBody !== undefined ? 'csv' : 'json', queueSender());
    return { status: 202, body: meta, headers: { location: `/v1/power-imports/${meta.importId}` } };
  },
  getPowerImport: async ({ store, params, query }) => ({ body: await getImport(store, params.importId, query) }),
});
