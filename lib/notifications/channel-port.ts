/** What the dispatcher sends through: email and SMS. Both the AWS channels and the local outbox implement it. */
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
