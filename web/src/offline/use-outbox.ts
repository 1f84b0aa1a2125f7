import { useEffect, useState } from 'preact/hooks';
import { idbStorage } from './idb-storage.ts';
import { flush, memoryStorage, newEntry, type OutboxEntry, type OutboxStorage } from './outbox.ts';
import { sendEntry } from './send.ts';

/**
 * The phone's outbox as the pages use it: `add` keeps a write and tries to send at once; everything waiting goes
 * out when the browser says it is online again (and every 30 seconds while something waits); the pages show the
 * waiting list from `useOutbox`.
 */
const storage: OutboxStorage = typeof indexedDB === 'undefined' ? memoryStorage() : idbStorage();
let entries: OutboxEntry[] = [];
let sending = false;
const listeners = new Set<() => void>();

async function refresh() {
  entries = (await storage.all()).sort((a, b) => a.seq - b.seq);
  for (const l of listeners) l();
}

/** Asked to send while a send runs: run once more when it ends, so nothing asked for waits for the next timer. */
let again = false;

export async function sendWaiting(): Promise<void> {
  if (sending) {
    again = true;
    return;
  }
  sending = true;
  try {
    do {
      again = false;
      await flush(storage, sendEntry);
    } while (again);
  } finally {
    sending = false;
    await refresh();
  }
}

export async function addToOutbox(input: Pick<OutboxEntry, 'label' | 'write' | 'produces'>): Promise<OutboxEntry> {
  const entry = newEntry(await storage.all(), input, new Date(), () => crypto.randomUUID());
  await storage.put(entry);
  await refresh();
  void sendWaiting();
  return entry;
}

/** Gives up a write the API refused (after the user read why). */
export async function discard(id: string): Promise<void> {
  await storage.remove(id);
  await refresh();
}

if (typeof window !== 'undefined') {
  window.addEventListener('online', () => void sendWaiting());
  setInterval(() => {
    if (navigator.onLine && entries.some((e) => !e.refused)) void sendWaiting();
  }, 30_000);
  void refresh().then(() => (entries.length ? sendWaiting() : undefined));
}

export function useOutbox() {
  const [, setTick] = useState(0);
  const [online, setOnline] = useState(typeof navigator === 'undefined' ? true : navigator.onLine);
  useEffect(() => {
    const l = () => setTick((t) => t + 1);
    listeners.add(l);
    const on = () => setOnline(true);
    const off = () => setOnline(false);
    window.addEventListener('online', on);
    window.addEventListener('offline', off);
    void refresh();
    return () => {
      listeners.delete(l);
      window.removeEventListener('online', on);
      window.removeEventListener('offline', off);
    };
  }, []);
  return { entries, online, add: addToOutbox, sendNow: sendWaiting, discard };
}
