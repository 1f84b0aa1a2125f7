import './lambda-env.ts';
import { parseArgs } from 'node:util';
import { JOBS } from '#functions/scheduled/jobs.ts';
import { isBusinessDate } from '#lib/validators/business-date.ts';
import { defaultDataDir } from './local-secrets.ts';
import { silentLogger } from './logger.ts';
import { startLocalRuntime } from './runtime.ts';

/**
 * `npm run job -- <name> [--date YYYY-MM-DD]`: runs one job once. If `npm start` is running it asks that runtime
 * (DynamoDB Local holds its data files); otherwise it starts the store itself, runs the job and stops.
 */
const { values, positionals } = parseArgs({ allowPositionals: true, options: { date: { type: 'string' } } });
const name = positionals[0];
if (!name || !JOBS.some((j) => j.name === name)) {
  console.error(
    `Usage: npm run job -- <name> [--date YYYY-MM-DD]\nJobs: ${JOBS.map((j) => `${j.name} (${j.description})`).join('\n      ')}`,
  );
  process.exit(2);
}
if (values.date !== undefined && !isBusinessDate(values.date)) {
  console.error(`--date must be a calendar date as YYYY-MM-DD, got ${values.date}`);
  process.exit(2);
}

const base = `http://127.0.0.1:${process.env.PORT ?? 3000}`;
const running = await fetch(`${base}/health`).then(
  (r) => r.ok,
  () => false,
);
if (running) {
  const res = await fetch(`${base}/local/jobs/${name}${values.date ? `?date=${values.date}` : ''}`, { method: 'POST' });
  console.log(JSON.stringify(await res.json(), null, 2));
  process.exit(res.ok ? 0 : 1);
}
const runtime = await startLocalRuntime({ dataDir: defaultDataDir(), port: 0, logger: silentLogger });
try {
  console.log(JSON.stringify({ job: name, result: await runtime.runJob(name, values.date) }, null, 2));
} finally {
  await runtime.stop();
}
