/**
 * The local outbox: where email and SMS land instead of SES and SNS, one JSON line per message in a file under
 * the data dir, so a developer can see what a reminder or a case notice would have sent, and tests can assert it.
 * The console line masks the recipient (phone numbers and addresses are personal data, and terminals get shared);
 * the file keeps the full message.
 */
import { randomUUID } from 'node:crypto';
import { appendFile, mkdir, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';

export type OutboxChannel = 'email' | 'sms';

export interface OutboxInput {
  readonly channel: OutboxChannel;
  readonly to: string;
  readonly subject?: string;
  readonly body: string;
}

export interface OutboxMessage extends OutboxInput {
  readonly id: string;
  /** ISO timestamp. */
  readonly sentAt: string;
}

export interface Outbox {
  send(message: OutboxInput): Promise<OutboxMessage>;
  /** Newest first. */
  list(filter?: { channel?: OutboxChannel; limit?: number }): Promise<OutboxMessage[]>;
}

export interface OutboxOptions {
  /** One line per message; defaults to console.log. */
  readonly log?: (line: string) => void;
  readonly now?: () => Date;
}

const CONSOLE_BODY_CHARS = 80;

export function createOutbox(filePath: string, options: OutboxOptions = {}): Outbox {
  const log = options.log ?? ((line: string) => console.log(line));
  const now = options.now ?? (() => new Date());
  // Appends go one after another so lines never interleave and list() sees every send that resolved.
  let writes: Promise<unknown> = mkdir(dirname(filePath), { recursive: true });

  return {
    async send(input) {
      const message: OutboxMessage = {
        id: randomUUID(),
        channel: input.channel,
        to: input.to,
        ...(input.subject === undefined ? {} : { subject: input.subject }),
        body: input.body,
        sentAt: now().toISOString(),
      };
      const write = writes.then(() => appendFile(filePath, `${JSON.stringify(message)}\n`, 'utf8'));
      writes = write.catch(() => undefined);
      await write;
      log(consoleLine(message));
      return message;
    },

    async list({ channel, limit } = {}) {
      await writes;
      let text: string;
      try {
        text = await readFile(filePath, 'utf8');
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
        throw error;
      }
      const messages: OutboxMessage[] = [];
      for (const line of text.split('\n')) {
        if (line.trim() === '') continue;
        try {
          messages.push(JSON.parse(line) as OutboxMessage);
        } catch {
          // A line cut short by a crash mid-write: skip it rather than lose the whole outbox.
        }
      }
      const newestFirst = messages.reverse().filter((m) => channel === undefined || m.channel === channel);
      return limit === undefined ? newestFirst : newestFirst.slice(0, limit);
    },
  };
}

/** `[outbox] sms → 138****0000: 您的煤矿…` */
export function consoleLine(message: OutboxMessage): string {
  const text = (message.channel === 'email' && message.subject ? message.subject : message.body)
    .replace(/\s+/g, ' ')
    .trim();
  const shown = text.length > CONSOLE_BODY_CHARS ? `${text.slice(0, CONSOLE_BODY_CHARS - 1)}…` : text;
  return `[outbox] ${message.channel} → ${maskRecipient(message.to)}: ${shown}`;
}

/** 13800000000 → 138****0000; +8613800000000 → +86 138****0000; zhang.san@example.cn → z***@example.cn. */
export function maskRecipient(to: string): string {
  const at = to.lastIndexOf('@');
  if (at > 0) return `${to[0]}***${to.slice(at)}`;
  const compact = to.replace(/[\s-]/g, '');
  const mainland = /^(?:\+86)?(1\d{10})$/.exec(compact);
  if (mainland?.[1])
    return `${compact.startsWith('+86') ? '+86 ' : ''}${mainland[1].slice(0, 3)}****${mainland[1].slice(-4)}`;
  if (/^\+?\d{8,}$/.test(compact)) return `${compact.slice(0, 3)}${'*'.repeat(compact.length - 7)}${compact.slice(-4)}`;
  return to.length <= 4 ? '****' : `${to.slice(0, 2)}***`;
}
