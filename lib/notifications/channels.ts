import type { Channels } from './channel-port.ts';

/**
 * Which delivery channels (channel-port.ts) this process uses. In AWS, email goes through SES v2 and SMS through
 * SNS (aws-channels.ts, loaded on first use); on one machine the local runtime installs its outbox here before any
 * handler runs, so every message lands in the outbox instead. The in-app inbox is the table itself.
 */
let installed: Channels | undefined;
let aws: Promise<Channels> | undefined;

export function installChannels(channels: Channels | undefined): void {
  installed = channels;
}

export async function channels(): Promise<Channels> {
  if (installed) return installed;
  aws ??= import('./aws-channels.ts').then((m) => m.awsChannels());
  return aws;
}
