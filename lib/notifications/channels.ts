/**
 * The delivery channels' port: email and SMS. In AWS, email goes through SES v2 and SMS through SNS
 * (lib/notifications/aws-channels.ts, loaded on first use); on one machine the local runtime installs its outbox here
 * before any handler runs, so every message lands in the outbox instead. The in-app inbox is the table itself.
 */
export interface EmailMessage {
  readonly to: string;
  readonly subject: string;
  readonly text: string;
}

export interface SmsMessage {
  /** Mainland mobile number, 11 digits (the sender adds +86). */
  readonly to: string;
  readonly text: string;
}

export interface Channels {
  sendEmail(message: EmailMessage): Promise<void>;
  sendSms(message: SmsMessage): Promise<void>;
}

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
