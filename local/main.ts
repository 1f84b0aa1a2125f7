import './lambda-env.ts';
import { defaultDataDir } from './local-secrets.ts';
import { LOCAL_EVIDENCE_BUCKET, startLocalRuntime } from './runtime.ts';

/**
 * `npm start`: the product on this machine. PORT (default 3000) and DATA_DIR (default .data/) configure it;
 * LOCAL_EMAIL=ses sends email through a local SES v2 endpoint as well as to the outbox.
 */
const started = Date.now();
const port = Number(process.env.PORT ?? 3000);

try {
  const runtime = await startLocalRuntime({
    dataDir: defaultDataDir(),
    port,
    scheduler: process.env.SCHEDULER !== 'off',
    seedPowerInBackground: true,
    emailThroughSes: process.env.LOCAL_EMAIL === 'ses',
  });
  const lines = [
    '',
    `coalsafe is running at ${runtime.url}  (ready in ${((Date.now() - started) / 1000).toFixed(1)} s)`,
    `  Dashboard       ${runtime.url}/   (sign in as any demo user)`,
    `  API reference   ${runtime.url}/docs   ·   OpenAPI ${runtime.url}/openapi.json`,
    `  Outbox          ${runtime.url}/local/outbox`,
    `  Local S3        ${runtime.s3Endpoint}   (evidence files, bucket ${LOCAL_EVIDENCE_BUCKET})`,
    ...(runtime.sesUrl ? [`  Local SES       ${runtime.sesUrl}/   (email sent with the SES v2 client)`] : []),
    '',
    'Ready-made tokens (demo district hlj/hegang/dongshan):',
    ...Object.entries(runtime.tokens).map(([name, token]) => `  ${name.padEnd(26)} ${token}`),
    '',
    'Try:',
    `  curl -s ${runtime.url}/v1/mines -H "Authorization: Bearer $TOKEN"`,
    'Ctrl-C stops everything.',
    '',
  ];
  console.log(lines.join('\n'));
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    console.log('Stopping…');
    await runtime.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
} catch (error) {
  console.error(`coalsafe could not start: ${(error as Error).message}`);
  process.exit(1);
}
