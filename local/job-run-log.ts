/**
 * When each scheduled job last ran, kept under the data directory so a restart knows which times it missed.
 *
 * One small JSON file, `{ "<job>": "<scheduled time ISO>" }`, replaced atomically (temporary file, fsync, rename)
 * on every record, so a crash leaves either the old or the new content. An unreadable file counts as no record.
 */
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';

export interface JobRunLog {
  /** The scheduled time of the job's last run (or of the first start that began counting), if any. */
  lastRun(job: string): Date | undefined;
  recordRun(job: string, scheduledTime: Date): void;
}

export function memoryJobRunLog(
  initial: Record<string, string> = {},
): JobRunLog & { entries(): Record<string, string> } {
  const runs = new Map(Object.entries(initial));
  return {
    lastRun: (job) => (runs.has(job) ? new Date(runs.get(job)!) : undefined),
    recordRun: (job, at) => void runs.set(job, at.toISOString()),
    entries: () => Object.fromEntries(runs),
  };
}

export function fileJobRunLog(path: string): JobRunLog {
  const runs = new Map<string, string>();
  if (existsSync(path)) {
    try {
      const parsed: unknown = JSON.parse(readFileSync(path, 'utf8'));
      if (parsed && typeof parsed === 'object')
        for (const [job, at] of Object.entries(parsed))
          if (typeof at === 'string' && !Number.isNaN(Date.parse(at))) runs.set(job, at);
    } catch {
      // Unreadable: as if no job had a record (nothing is run for it on this start).
    }
  }
  return {
    lastRun: (job) => (runs.has(job) ? new Date(runs.get(job)!) : undefined),
    recordRun(job, at) {
      runs.set(job, at.toISOString());
      mkdirSync(dirname(path), { recursive: true });
      const temporary = `${path}.tmp`;
      const fd = openSync(temporary, 'w');
      try {
        writeSync(fd, `${JSON.stringify(Object.fromEntries(runs), null, 2)}\n`);
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
      renameSync(temporary, path);
    },
  };
}
