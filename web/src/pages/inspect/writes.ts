import { api } from '../../api.ts';
import { idbStorage } from '../../offline/idb-storage.ts';
import {
  type JsonWrite,
  memoryStorage,
  missingRefs,
  newEntry,
  type OutboxEntry,
  type OutboxStorage,
  resolveRefs,
} from '../../offline/outbox.ts';
import { sendWaiting } from '../../offline/use-outbox.ts';

/**
 * A record written at the mine: sent at once when the phone is online, so the API's message for a field shows
 * beside it; kept in the outbox when there is no signal (or the request never got an answer), with the SAME
 * Idempotency-Key the direct attempt used, so however the two attempts end, the API creates the record once.
 */
const storage: OutboxStorage = typeof indexedDB === 'undefined' ? memoryStorage() : idbStorage();

export interface WriteInput {
  readonly label: string;
  readonly write: JsonWrite;
  readonly produces?: { readonly ref: string; readonly field: string };
}

export interface Written<T> {
  /** The API's answer when it was sent now. */
  readonly answer?: T;
  /** Kept on the phone: sent when back online. */
  readonly queued?: OutboxEntry;
}

/** Keeps a write in the outbox under the given Idempotency-Key and tries to send what waits. */
export async function queueWrite(input: WriteInput, idempotencyKey: string): Promise<OutboxEntry> {
  const entry = { ...newEntry(await storage.all(), input, new Date(), () => crypto.randomUUID()), idempotencyKey };
  await storage.put(entry);
  void sendWaiting();
  return entry;
}

/** Sends now when it can (the API's refusal is thrown for the form); otherwise queues it. */
export async function writeOrQueue<T>(input: WriteInput, idempotencyKey: string): Promise<Written<T>> {
  const refs = await storage.refs();
  if (navigator.onLine && missingRefs(input.write, refs).length === 0) {
    const write = resolveRefs(input.write, refs);
    try {
      const answer = await api.post<T>(write.path, write.body, { 'idempotency-key': idempotencyKey });
      const value = input.produces ? (answer as Record<string, unknown>)[input.produces.field] : undefined;
      if (input.produces && typeof value === 'string') await storage.setRef(input.produces.ref, value);
      return { answer };
    } catch (error) {
      // No answer at all (the signal dropped): the outbox sends the same request again later.
      if (!(error instanceof TypeError)) throw error;
    }
  }
  return { queued: await queueWrite(input, idempotencyKey) };
}

/** What the earlier writes answered: `inspection-<local>` → the inspection's id once it reached the API. */
export const knownRefs = () => storage.refs();
