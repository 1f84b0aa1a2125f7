/**
 * 离线待发送: what an inspector writes at the mine with no signal. Each write is kept on the phone in the order it
 * was made, with its own Idempotency-Key, and sent when the phone is back online, so it arrives once however many
 * times sending is tried. A later write may name what an earlier one creates (the hazard found on the inspection
 * that is itself still waiting): it says `@ref:<name>` where the id goes, and the earlier write's answer fills it in.
 * A write the API refuses (4xx) stays on the phone with the API's reason until the user deals with it: nothing
 * written at the mine is silently dropped.
 */
export interface JsonWrite {
  readonly type: 'json';
  readonly method: 'POST' | 'PUT';
  readonly path: string;
  readonly body: unknown;
}
export interface FileWrite {
  readonly type: 'file';
  /** `/v1/mines/{mineId}/evidence/{kind}/{recordId}`, refs allowed. */
  readonly recordPath: string;
  readonly step: string;
  readonly file: Blob;
  readonly fileName: string;
  readonly caption?: string;
}

export interface OutboxEntry {
  readonly id: string;
  /** Order of writing; sent in this order. */
  readonly seq: number;
  /** What the user reads in the waiting list: "隐患：3102 回风巷瓦斯超限". */
  readonly label: string;
  readonly write: JsonWrite | FileWrite;
  readonly idempotencyKey: string;
  /** Keep a field of the answer under this name, for later writes' `@ref:<name>`. */
  readonly produces?: { readonly ref: string; readonly field: string };
  readonly createdAt: string;
  readonly attempts: number;
  /** Why the API refused it (a 4xx): kept until the user fixes or discards it. */
  readonly refused?: string;
}

export interface OutboxStorage {
  all(): Promise<OutboxEntry[]>;
  put(entry: OutboxEntry): Promise<void>;
  remove(id: string): Promise<void>;
  refs(): Promise<Record<string, string>>;
  setRef(name: string, value: string): Promise<void>;
}

/** Sends one write; throws `Offline` when the network is not there, `Refused` for an answer the user must see. */
export type Sender = (entry: OutboxEntry, resolved: JsonWrite | FileWrite) => Promise<unknown>;

export class Offline extends Error {}
export class Refused extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

const REF = /@ref:([A-Za-z0-9_-]+)/g;

/** The refs a write still waits for. */
export function missingRefs(write: JsonWrite | FileWrite, refs: Record<string, string>): string[] {
  const text = write.type === 'json' ? `${write.path} ${JSON.stringify(write.body)}` : write.recordPath;
  return [...new Set([...text.matchAll(REF)].map((m) => m[1]!))].filter((name) => !(name in refs));
}

/** The write with every `@ref:<name>` replaced by what the earlier write answered. */
export function resolveRefs<W extends JsonWrite | FileWrite>(write: W, refs: Record<string, string>): W {
  const fill = (s: string) => s.replace(REF, (_, name: string) => refs[name] ?? `@ref:${name}`);
  if (write.type === 'file') return { ...write, recordPath: fill(write.recordPath) };
  const body = JSON.parse(JSON.stringify(write.body ?? null), (_key, value) =>
    typeof value === 'string' ? fill(value) : value,
  ) as unknown;
  return { ...write, path: fill(write.path), body };
}

export interface FlushResult {
  readonly sent: number;
  readonly refused: number;
  readonly waiting: number;
  readonly offline: boolean;
}

/**
 * Sends what is waiting, oldest first. Stops at the first write that cannot go out (offline, the server busy), so
 * the order holds; a refused write is kept with its reason and the ones that need its answer wait behind it, while
 * the others go on.
 */
export async function flush(storage: OutboxStorage, send: Sender): Promise<FlushResult> {
  const entries = (await storage.all()).sort((a, b) => a.seq - b.seq);
  const refs = await storage.refs();
  let sent = 0;
  let refused = 0;
  for (const entry of entries) {
    if (entry.refused) {
      refused++;
      continue;
    }
    if (missingRefs(entry.write, refs).length) continue;
    try {
      const answer = await send(entry, resolveRefs(entry.write, refs));
      if (entry.produces) {
        const value = (answer as Record<string, unknown> | undefined)?.[entry.produces.field];
        if (typeof value === 'string') {
          refs[entry.produces.ref] = value;
          await storage.setRef(entry.produces.ref, value);
        }
      }
      await storage.remove(entry.id);
      sent++;
    } catch (error) {
      if (error instanceof Refused) {
        await storage.put({ ...entry, attempts: entry.attempts + 1, refused: error.message });
        refused++;
        continue;
      }
      await storage.put({ ...entry, attempts: entry.attempts + 1 });
      const waiting = (await storage.all()).filter((e) => !e.refused).length;
      return { sent, refused, waiting, offline: error instanceof Offline };
    }
  }
  const waiting = (await storage.all()).filter((e) => !e.refused).length;
  return { sent, refused, waiting, offline: false };
}

/** A new entry at the end of the queue. */
export function newEntry(
  existing: readonly OutboxEntry[],
  input: Pick<OutboxEntry, 'label' | 'write' | 'produces'>,
  now: Date,
  randomId: () => string,
): OutboxEntry {
  const id = randomId();
  return {
    id,
    seq: existing.reduce((max, e) => Math.max(max, e.seq), 0) + 1,
    label: input.label,
    write: input.write,
    ...(input.produces ? { produces: input.produces } : {}),
    // One key per write, kept with it: every attempt to send it is the same request to the API.
    idempotencyKey: `offline-${id}`,
    createdAt: now.toISOString(),
    attempts: 0,
  };
}

/** An in-memory storage: the tests', and the fallback where the browser keeps no IndexedDB. */
export function memoryStorage(): OutboxStorage {
  const entries = new Map<string, OutboxEntry>();
  const refs: Record<string, string> = {};
  return {
    all: async () => [...entries.values()],
    put: async (e) => void entries.set(e.id, e),
    remove: async (id) => void entries.delete(id),
    refs: async () => ({ ...refs }),
    setRef: async (name, value) => {
      refs[name] = value;
    },
  };
}
