/**
 * The local queue's messages on disk, so nothing accepted is lost when the runtime stops or is killed.
 *
 * One append-only journal per queue, `<dir>/<queue>.jsonl`, one JSON record a line:
 *   {"op":"send","m":{messageId, body, md5OfBody, sentTimestamp, receiveCount, firstReceiveTimestamp?}}
 *   {"op":"receive","id","n","at"}   the message's receive count after a delivery started (n) and its first receive
 *   {"op":"ack","id"}                 the consumer succeeded, or the message went to the dead-letter file
 * and one dead-letter file per queue, `<dir>/<queue>.dead.jsonl` (one DeadLetter a line).
 *
 * Every append is fsync'd before the call returns: a send is on disk before `send` resolves, so an answer given after
 * a send (a 202) survives a crash. A line cut short by a crash is the last one and is skipped on reading (its send had
 * not returned). At open, the journal is read, folded into the messages not yet acknowledged (with their receive
 * counts), and rewritten with only those (a temporary file, fsync'd, renamed over the old one). While running it is
 * emptied whenever its queue has nothing left, and rewritten when it grows long.
 */
import {
  closeSync,
  existsSync,
  fsyncSync,
  ftruncateSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import type { StoredMessage } from './sqs-record.ts';

export interface JournalDeadLetter {
  readonly messageId: string;
  readonly body: string;
  readonly receiveCount: number;
  readonly sentAt: string;
  readonly lastError: string;
}

export interface QueueJournal {
  /** What the last run left: messages not acknowledged, oldest first, and the dead letters. */
  readonly recovered: { readonly pending: StoredMessage[]; readonly deadLetters: JournalDeadLetter[] };
  /** Durable before it returns. */
  sent(messages: readonly StoredMessage[]): void;
  /** Records the messages' receive counts (call after counting a delivery). */
  received(messages: readonly StoredMessage[]): void;
  acknowledged(messageIds: readonly string[]): void;
  /** The letters are in the dead-letter file before the messages leave the journal. */
  deadLettered(letters: readonly JournalDeadLetter[]): void;
  close(): void;
}

type Line =
  | { op: 'send'; m: StoredMessage }
  | { op: 'receive'; id: string; n: number; at?: number }
  | { op: 'ack'; id: string };

/** Rewrite the journal once it holds this many more lines than live messages. */
const COMPACT_AFTER_LINES = 5_000;

export function openQueueJournal(
  dir: string,
  queue: string,
  { compactAfterLines = COMPACT_AFTER_LINES }: { compactAfterLines?: number } = {},
): QueueJournal {
  if (!/^[\w.-]+$/.test(queue)) throw new Error(`Queue name "${queue}" cannot name a journal file`);
  mkdirSync(dir, { recursive: true });
  const journalPath = join(dir, `${queue}.jsonl`);
  const deadPath = join(dir, `${queue}.dead.jsonl`);

  const live = new Map<string, StoredMessage>();
  for (const line of readLines(journalPath) as Line[]) {
    if (line.op === 'send') live.set(line.m.messageId, { ...line.m });
    else if (line.op === 'receive') {
      const message = live.get(line.id);
      if (message) {
        message.receiveCount = Math.max(message.receiveCount, line.n);
        if (line.at !== undefined) message.firstReceiveTimestamp ??= line.at;
      }
    } else if (line.op === 'ack') live.delete(line.id);
  }
  // A dead letter written just before a crash may still be live in the journal: the dead-letter file wins.
  const deadLetters = new Map<string, JournalDeadLetter>();
  for (const letter of readLines(deadPath) as JournalDeadLetter[]) deadLetters.set(letter.messageId, letter);
  for (const id of deadLetters.keys()) live.delete(id);

  rewrite(
    journalPath,
    [...live.values()].map((m) => ({ op: 'send', m }) satisfies Line),
  );
  let fd = openSync(journalPath, 'a');
  let lines = live.size;
  let deadFd: number | undefined;

  const append = (records: readonly unknown[]): void => {
    if (records.length === 0) return;
    writeAll(fd, records);
    lines += records.length;
  };

  /** Called after acknowledgements: empty or shorten the journal when it carries mostly finished messages. */
  const tidy = (): void => {
    if (live.size === 0) {
      ftruncateSync(fd, 0);
      fsyncSync(fd);
      lines = 0;
    } else if (lines > compactAfterLines + live.size * 3) {
      closeSync(fd);
      rewrite(
        journalPath,
        [...live.values()].map((m) => ({ op: 'send', m })),
      );
      fd = openSync(journalPath, 'a');
      lines = live.size;
    }
  };

  const acknowledged = (messageIds: readonly string[]): void => {
    append(messageIds.map((id) => ({ op: 'ack', id }) satisfies Line));
    for (const id of messageIds) live.delete(id);
    tidy();
  };

  return {
    recovered: { pending: [...live.values()], deadLetters: [...deadLetters.values()] },
    sent(messages) {
      append(messages.map((m) => ({ op: 'send', m }) satisfies Line));
      for (const m of messages) live.set(m.messageId, m);
    },
    received(messages) {
      append(
        messages.map(
          (m) =>
            ({
              op: 'receive',
              id: m.messageId,
              n: m.receiveCount,
              ...(m.firstReceiveTimestamp === undefined ? {} : { at: m.firstReceiveTimestamp }),
            }) satisfies Line,
        ),
      );
    },
    acknowledged,
    deadLettered(letters) {
      if (letters.length === 0) return;
      deadFd ??= openSync(deadPath, 'a');
      writeAll(deadFd, letters);
      acknowledged(letters.map((l) => l.messageId));
    },
    close() {
      closeSync(fd);
      if (deadFd !== undefined) closeSync(deadFd);
    },
  };
}

function writeAll(fd: number, records: readonly unknown[]): void {
  const data = Buffer.from(records.map((r) => `${JSON.stringify(r)}\n`).join(''), 'utf8');
  let written = 0;
  while (written < data.length) written += writeSync(fd, data, written);
  fsyncSync(fd);
}

/** Whole JSON lines; a line cut short by a crash (the last one) is skipped. */
function readLines(path: string): unknown[] {
  if (!existsSync(path)) return [];
  const out: unknown[] = [];
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    if (line.trim() === '') continue;
    try {
      out.push(JSON.parse(line));
    } catch {
      // Cut short by a crash mid-append.
    }
  }
  return out;
}

/** Replaces the file atomically: a temporary file, fsync'd, renamed over it, and the directory fsync'd. */
function rewrite(path: string, records: readonly unknown[]): void {
  const temporary = `${path}.tmp`;
  const fd = openSync(temporary, 'w');
  try {
    if (records.length > 0) writeAll(fd, records);
    else fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(temporary, path);
  syncDirectory(join(path, '..'));
}

function syncDirectory(dir: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(dir, 'r');
    fsyncSync(fd);
  } catch {
    // Not every platform can fsync a directory (Windows); the rename itself is still atomic.
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
