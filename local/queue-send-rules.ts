/**
 * What SQS refuses at send time, checked by the local queue too, so a producer that works locally is not
 * rejected by SendMessageBatch in AWS (duplicate entry ids, empty bodies, oversized bodies, invalid characters).
 */
import type { OutgoingMessage } from '#lib/queue/queue-spec.ts';

/** SQS's long-standing default maximum message size; pass maxMessageBytes if the CDK queue sets another. */
export const SQS_MAX_MESSAGE_BYTES = 262_144;
/** Characters SQS accepts in a message body; anything else is rejected by SendMessage. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: these are exactly the characters to find
const SQS_INVALID_CHARACTER = /[^\x09\x0A\x0D\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;

export function validateSend(queue: string, messages: readonly OutgoingMessage[], maxBytes: number): void {
  const ids = new Set<string>();
  for (const message of messages) {
    if (ids.has(message.id)) throw new Error(`send to "${queue}": duplicate batch entry id "${message.id}"`);
    ids.add(message.id);
    if (typeof message.body !== 'string' || message.body.length === 0) {
      throw new Error(`send to "${queue}": message "${message.id}" has an empty body, which SQS rejects`);
    }
    const bytes = Buffer.byteLength(message.body, 'utf8');
    if (bytes > maxBytes) {
      throw new Error(`send to "${queue}": message "${message.id}" is ${bytes} bytes; SQS accepts at most ${maxBytes}`);
    }
    if (SQS_INVALID_CHARACTER.test(message.body)) {
      throw new Error(`send to "${queue}": message "${message.id}" contains characters SQS rejects`);
    }
  }
}
