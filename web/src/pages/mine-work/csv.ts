/**
 * A month of readings from a CSV file, for POST /v1/mines/{mineId}/power-readings: a header line naming meterId,
 * date and kwh (reason optional, for a changed value), one reading a line. Lines that cannot be read at all are
 * reported by their line number here; the rest go to the API, which judges each and names a bad one by its index.
 */
export interface CsvReading {
  /** The file's line number (the header is line 1). */
  readonly line: number;
  readonly reading: { meterId: string; date: string; kwh: number | string; reason?: string };
}

export interface CsvProblem {
  readonly line: number;
  readonly message: string;
}

export interface ParsedCsv {
  readonly rows: CsvReading[];
  readonly problems: CsvProblem[];
}

const REQUIRED = ['meterId', 'date', 'kwh'] as const;

export function parseReadingsCsv(text: string): ParsedCsv {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const header = (lines[0] ?? '').split(',').map((h) => h.trim());
  const missing = REQUIRED.filter((h) => !header.includes(h));
  if (missing.length)
    return {
      rows: [],
      problems: [{ line: 1, message: `第一行须为列名 meterId,date,kwh（可加 reason），缺少 ${missing.join('、')}` }],
    };
  const col = (name: string) => header.indexOf(name);
  const rows: CsvReading[] = [];
  const problems: CsvProblem[] = [];
  lines.slice(1).forEach((raw, i) => {
    const line = i + 2;
    if (!raw.trim()) return;
    const cells = raw.split(',').map((c) => c.trim());
    if (cells.length !== header.length) {
      problems.push({ line, message: `应有 ${header.length} 列，实有 ${cells.length} 列` });
      return;
    }
    const kwhText = cells[col('kwh')] ?? '';
    const kwh = kwhText !== '' && Number.isFinite(Number(kwhText)) ? Number(kwhText) : kwhText;
    const reason = col('reason') >= 0 ? cells[col('reason')] : undefined;
    rows.push({
      line,
      reading: {
        meterId: cells[col('meterId')] ?? '',
        date: cells[col('date')] ?? '',
        kwh,
        ...(reason ? { reason } : {}),
      },
    });
  });
  return { rows, problems };
}

/**
 * The API's field errors of a readings call (`body.readings.<index>.<field>`) as the file's line numbers, in order;
 * errors that name no reading are left for the error box.
 */
export function rejectedLines(
  rows: readonly CsvReading[],
  fields: readonly { field: string; message: string }[],
): CsvProblem[] {
  const out: CsvProblem[] = [];
  for (const f of fields) {
    const m = /^(?:body\.)?readings\.(\d+)(?:\.(.+))?$/.exec(f.field);
    const row = m ? rows[Number(m[1])] : undefined;
    if (!row) continue;
    out.push({ line: row.line, message: `${m?.[2] ? `${FIELD_LABELS[m[2]] ?? m[2]}：` : ''}${f.message}` });
  }
  return out.sort((a, b) => a.line - b.line);
}

const FIELD_LABELS: Record<string, string> = { meterId: '电表', date: '日期', kwh: '电量', reason: '修改理由' };
