// The local runtime is safe on a laptop in a shared network: the embedded DynamoDB Local (no IAM, the whole table)
// and the S3 emulator (the evidence files) listen on 127.0.0.1 only, so a peer on the LAN cannot reach them.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DynamoDbLocal, startDynamoDbLocal } from '#local/dynamodb-local.ts';
import { type LocalS3, startLocalS3 } from '#local/s3/server.ts';
import { hasProcNet, isLoopbackAddress, lanAddress, listeningAddresses, tryConnect } from '../../support/listening.ts';

let dynamo: DynamoDbLocal | undefined;
let s3: LocalS3 | undefined;
let dataDir = '';

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'coalsafe-bind-'));
  [dynamo, s3] = await Promise.all([startDynamoDbLocal(), startLocalS3({ dataDir, buckets: ['coalsafe-bind-test'] })]);
});
afterAll(async () => {
  await Promise.all([dynamo?.stop(), s3?.stop()]);
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

const portOf = (endpoint: string): number => Number(new URL(endpoint).port);

describe.each([
  ['DynamoDB Local', () => dynamo!.endpoint],
  ['the S3 emulator', () => s3!.endpoint],
])('%s', (_name, endpoint) => {
  it.runIf(hasProcNet())('listens on the loopback address only', () => {
    const addresses = listeningAddresses(portOf(endpoint()));
    expect(addresses.length).toBeGreaterThan(0);
    expect(addresses.filter((a) => !isLoopbackAddress(a))).toEqual([]);
  });

  it('answers on 127.0.0.1', async () => {
    expect(await tryConnect('127.0.0.1', portOf(endpoint()))).toBe('connected');
  });

  it.runIf(lanAddress() !== undefined)("refuses a connection to the machine's LAN address", async () => {
    expect(await tryConnect(lanAddress()!, portOf(endpoint()))).toBe('ECONNREFUSED');
  });
});

describe('listeningAddresses', () => {
  it.runIf(hasProcNet())('sees a socket bound to every interface (the check can fail)', async () => {
    const { createServer } = await import('node:net');
    const server = createServer();
    await new Promise<void>((ok) => server.listen(0, '0.0.0.0', ok));
    const port = (server.address() as { port: number }).port;
    try {
      expect(listeningAddresses(port)).toEqual(['0.0.0.0']);
      const lan = lanAddress();
      if (lan) expect(await tryConnect(lan, port)).toBe('connected');
    } finally {
      await new Promise((ok) => server.close(ok));
    }
  });
});
