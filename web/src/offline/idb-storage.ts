import type { OutboxEntry, OutboxStorage } from './outbox.ts';

/**
 * The outbox on the phone: IndexedDB, which keeps photos (Blobs) as well as the writes and survives closing the
 * browser. One database, two stores: the entries, and the ids earlier writes answered.
 */
const DB_NAME = 'coalsafe-outbox';
const ENTRIES = 'entries';
const REFS = 'refs';

function open(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(DB_NAME, 1);
    req.onupgradeneeded = () => {
      req.result.createObjectStore(ENTRIES, { keyPath: 'id' });
      req.result.createObjectStore(REFS);
    };
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

function run<T>(store: string, mode: IDBTransactionMode, op: (s: IDBObjectStore) => IDBRequest): Promise<T> {
  return open().then(
    (db) =>
      new Promise<T>((resolve, reject) => {
        const tx = db.transaction(store, mode);
        const req = op(tx.objectStore(store));
        tx.oncomplete = () => {
          db.close();
          resolve(req.result as T);
        };
        tx.onerror = () => {
          db.close();
          reject(tx.error);
        };
      }),
  );
}

export function idbStorage(): OutboxStorage {
  return {
    all: () => run<OutboxEntry[]>(ENTRIES, 'readonly', (s) => s.getAll()),
    put: (entry) => run<void>(ENTRIES, 'readwrite', (s) => s.put(entry)),
    remove: (id) => run<void>(ENTRIES, 'readwrite', (s) => s.delete(id)),
    refs: async () => {
      const db = await open();
      return new Promise((resolve, reject) => {
        const tx = db.transaction(REFS, 'readonly');
        const out: Record<string, string> = {};
        const cursor = tx.objectStore(REFS).openCursor();
        cursor.onsuccess = () => {
          const c = cursor.result;
          if (!c) return;
          out[String(c.key)] = String(c.value);
          c.continue();
        };
        tx.oncomplete = () => {
          db.close();
          resolve(out);
        };
        tx.onerror = () => reject(tx.error);
      });
    },
    setRef: (name, value) => run<void>(REFS, 'readwrite', (s) => s.put(value, name)),
  };
}
