/**
 * The local S3 server's objects on disk, versioned: `<root>/<bucket>/<key>.s3obj/` holds one file per version and
 * `meta.json`, the version list (content type, size, ETag, time; newest last), delete markers included. Writes to
 * one key are serialized; a version once written is never removed (object lock), a delete adds a marker.
 */
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync } from 'node:fs';
import { readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export interface ObjectVersion {
  readonly versionId: string;
  readonly lastModified: string;
  readonly deleteMarker?: true;
  readonly size?: number;
  readonly contentType?: string;
  /** Quoted MD5 of the body, as S3 gives it for a single-part upload. */
  readonly etag?: string;
}

interface Meta {
  readonly key: string;
  readonly versions: ObjectVersion[];
}

const SUFFIX = '.s3obj';
const BUCKET_NAME = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;

/** A key the store can hold: no empty, '.' or '..' segment, no NUL, at most 1024 bytes. */
export const isStorableKey = (key: string): boolean =>
  key !== '' &&
  Buffer.byteLength(key) <= 1024 &&
  !key.includes('\0') &&
  key.split('/').every((s) => s !== '' && s !== '.' && s !== '..');

/** Time-ordered version ids: sorting them sorts versions by write. */
const newVersionId = (): string =>
  `${Date.now().toString(36).padStart(9, '0')}${randomBytes(12).toString('base64url')}`;

export class ObjectStore {
  private readonly locks = new Map<string, Promise<unknown>>();

  constructor(private readonly root: string) {
    mkdirSync(root, { recursive: true });
  }

  createBucket(bucket: string): void {
    if (!BUCKET_NAME.test(bucket)) throw new Error(`Invalid bucket name: ${bucket}`);
    mkdirSync(join(this.root, bucket), { recursive: true });
  }

  hasBucket(bucket: string): boolean {
    return BUCKET_NAME.test(bucket) && existsSync(join(this.root, bucket));
  }

  private dir(bucket: string, key: string): string {
    return join(this.root, bucket, ...`${key}${SUFFIX}`.split('/'));
  }

  private async meta(bucket: string, key: string): Promise<Meta> {
    try {
      return JSON.parse(await readFile(join(this.dir(bucket, key), 'meta.json'), 'utf8')) as Meta;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { key, versions: [] };
      throw error;
    }
  }

  private async saveMeta(bucket: string, key: string, meta: Meta): Promise<void> {
    const file = join(this.dir(bucket, key), 'meta.json');
    await writeFile(`${file}.tmp`, JSON.stringify(meta, null, 2));
    await rename(`${file}.tmp`, file);
  }

  private serialized<T>(bucket: string, key: string, work: () => Promise<T>): Promise<T> {
    const id = `${bucket}/${key}`;
    const previous = this.locks.get(id) ?? Promise.resolve();
    const next = previous.then(work, work);
    const settled = next.catch(() => undefined);
    this.locks.set(id, settled);
    void settled.then(() => {
      if (this.locks.get(id) === settled) this.locks.delete(id);
    });
    return next;
  }

  /** Adds a version; the versions before it stay readable by their id. */
  put(bucket: string, key: string, body: Uint8Array, contentType: string): Promise<ObjectVersion> {
    return this.serialized(bucket, key, async () => {
      const dir = this.dir(bucket, key);
      mkdirSync(dir, { recursive: true });
      const version: ObjectVersion = {
        versionId: newVersionId(),
        lastModified: new Date().toISOString(),
        size: body.byteLength,
        contentType,
        etag: `"${createHash('md5').update(body).digest('hex')}"`,
      };
      await writeFile(join(dir, `${version.versionId}.bin`), body);
      const meta = await this.meta(bucket, key);
      await this.saveMeta(bucket, key, { key, versions: [...meta.versions, version] });
      return version;
    });
  }

  /** A delete without a version id: a delete marker becomes the latest version. */
  addDeleteMarker(bucket: string, key: string): Promise<ObjectVersion> {
    return this.serialized(bucket, key, async () => {
      mkdirSync(this.dir(bucket, key), { recursive: true });
      const marker: ObjectVersion = {
        versionId: newVersionId(),
        lastModified: new Date().toISOString(),
        deleteMarker: true,
      };
      const meta = await this.meta(bucket, key);
      await this.saveMeta(bucket, key, { key, versions: [...meta.versions, marker] });
      return marker;
    });
  }

  /** The latest version (perhaps a delete marker), or the one named; undefined when there is none. */
  async version(bucket: string, key: string, versionId?: string): Promise<ObjectVersion | undefined> {
    const { versions } = await this.meta(bucket, key);
    return versionId === undefined ? versions.at(-1) : versions.find((v) => v.versionId === versionId);
  }

  body(bucket: string, key: string, version: ObjectVersion): Promise<Buffer> {
    return readFile(join(this.dir(bucket, key), `${version.versionId}.bin`));
  }
}
