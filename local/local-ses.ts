/**
 * Email through a local SES v2 endpoint (the npm package `aws-ses-v2-local`), for whoever wants the dispatcher's
 * SES client path to run for real on one machine: `LOCAL_EMAIL=ses npm start`. The same `awsChannels()` the
 * deployed dispatcher uses sends each email with the SESv2 client to this endpoint; its page shows what arrived.
 */

import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import sesLocal from 'aws-ses-v2-local';
import { awsChannels } from '#lib/notifications/aws-channels.ts';
import type { Channels } from '#lib/notifications/channel-port.ts';

/** The sender the local runtime's emails carry. */
export const LOCAL_FROM_ADDRESS = 'notify@coalsafe.local';

export interface LocalSes {
  /** Where its page (`/`) and its store (`/store`) are. */
  readonly url: string;
  /** Email through the SES v2 client to this endpoint, exactly as in AWS. */
  readonly sendEmail: Channels['sendEmail'];
  stop(): Promise<void>;
}

/**
 * A CommonJS module whose function is its `default` export: Node's ESM loader hands over the exports object, a
 * bundler's interop the function itself.
 */
const startSesServer = (typeof sesLocal === 'function' ? sesLocal : sesLocal.default) as typeof sesLocal.default;

export async function startLocalSes(): Promise<LocalSes> {
  const server: Server = await startSesServer({ host: '127.0.0.1', port: 0 });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const client = new SESv2Client({
    endpoint: url,
    region: 'local',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  const channels = awsChannels({ ses: client, fromAddress: LOCAL_FROM_ADDRESS });
  return {
    url,
    sendEmail: (message) => channels.sendEmail(message),
    stop: async () => {
      client.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
