import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import {
  MINE_SESSION_TAG,
  type MineSession,
  mineSessionPolicy,
  USER_SESSION_TAG,
} from '#lib/auth/mine-session-policy.ts';
import type { Principal } from '#lib/auth/principal.ts';
import type { Db } from './db.ts';
import { MINE_POLICY_CHECK_ENV, policyCheckedDb } from './policy-checked-db.ts';

/**
 * A mine user's requests reach the table with credentials that can only address that mine's partitions
 * (lib/auth/mine-session-policy.ts): the API function assumes the MineAccessRole with the session tags `mineId` and
 * `userSub` and the session policy of that mine and user, and builds a document client from those credentials.
 * Credentials are cached per mine user and renewed shortly before they expire; the client per mine user is cached
 * too (a warm function serves many requests of few users). Without MINE_ACCESS_ROLE_ARN in the environment (the local runtime, tests) the shared Db serves.
 */
export const MINE_ACCESS_ROLE_ENV = 'MINE_ACCESS_ROLE_ARN';
export const TABLE_ARN_ENV = 'TABLE_ARN';

/** Fifteen minutes, the shortest session STS grants; a cold mine costs one AssumeRole per quarter hour. */
const SESSION_SECONDS = 900;
/**
 * Renewed this long before expiry, so a request never starts with credentials about to lapse (the SDK itself asks
 * its credential provider again from five minutes before expiry).
 */
export const RENEW_BEFORE_MS = 5 * 60_000;
/** Mine users whose client a warm function keeps; the least recently used goes first. */
const MAX_SESSIONS = 100;

const sessionKey = (s: MineSession) => `${s.mineId}\u0000${s.userSub}`;

export interface MineCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken: string;
  readonly expiration: Date;
}

export interface MineCredentialOptions {
  readonly roleArn: string;
  readonly tableArn: string;
  readonly sts?: Pick<STSClient, 'send'>;
  readonly now?: () => number;
}

/** Per-mine-user credentials from STS, each reused until RENEW_BEFORE_MS before it expires. */
export class MineCredentialCache {
  private readonly cache = new Map<string, Promise<MineCredentials>>();
  private readonly sts: Pick<STSClient, 'send'>;
  private readonly now: () => number;

  constructor(private readonly options: MineCredentialOptions) {
    this.sts = options.sts ?? new STSClient({});
    this.now = options.now ?? Date.now;
  }

  async credentialsFor(session: MineSession): Promise<MineCredentials> {
    const key = sessionKey(session);
    const cached = this.cache.get(key);
    if (cached) {
      const credentials = await cached.catch(() => undefined);
      if (credentials && credentials.expiration.getTime() - RENEW_BEFORE_MS > this.now()) return credentials;
      // Another request may have started the renewal meanwhile: share it.
      const current = this.cache.get(key);
      if (current && current !== cached) return current;
    }
    const fresh = this.assume(session);
    this.cache.delete(key);
    this.cache.set(key, fresh);
    if (this.cache.size > MAX_SESSIONS) this.cache.delete(this.cache.keys().next().value!);
    // A failed AssumeRole is not kept: the next request tries again.
    fresh.catch(() => {
      if (this.cache.get(key) === fresh) this.cache.delete(key);
    });
    return fresh;
  }

  private async assume(session: MineSession): Promise<MineCredentials> {
    const out = await this.sts.send(
      new AssumeRoleCommand({
        RoleArn: this.options.roleArn,
        RoleSessionName: `mine-${session.mineId}`.slice(0, 64),
        DurationSeconds: SESSION_SECONDS,
        Tags: [
          { Key: MINE_SESSION_TAG, Value: session.mineId },
          { Key: USER_SESSION_TAG, Value: session.userSub },
        ],
        Policy: JSON.stringify(mineSessionPolicy(this.options.tableArn, session)),
      }),
    );
    const c = out.Credentials;
    if (!c?.AccessKeyId || !c.SecretAccessKey || !c.SessionToken || !c.Expiration) {
      throw new Error('STS returned no credentials for the mine session');
    }
    return {
      accessKeyId: c.AccessKeyId,
      secretAccessKey: c.SecretAccessKey,
      sessionToken: c.SessionToken,
      expiration: c.Expiration,
    };
  }
}

/** Hands out a Db per mine user whose client signs with that mine user's credentials. */
export class MineScopedDbs {
  private readonly clients = new Map<string, DynamoDBDocumentClient>();

  constructor(private readonly credentials: MineCredentialCache) {}

  forMine(base: Db, session: MineSession): Db {
    const key = sessionKey(session);
    let doc = this.clients.get(key);
    if (!doc) {
      const client = new DynamoDBClient({ credentials: () => this.credentials.credentialsFor(session) });
      doc = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
      this.clients.set(key, doc);
      if (this.clients.size > MAX_SESSIONS) this.clients.delete(this.clients.keys().next().value!);
    }
    return { ...base, doc, now: base.now, newId: base.newId };
  }
}

let scoped: MineScopedDbs | null | undefined;

/**
 * The Db a caller's TenantStore gets: for a mine user in AWS, one scoped to the mine; otherwise (bureau users,
 * whose boundary is the store's jurisdiction check, and every caller locally) the shared one.
 */
export function dbForPrincipal(base: Db, principal: Principal): Db {
  if (principal.kind !== 'mine') return base;
  if (scoped === undefined) {
    const roleArn = process.env[MINE_ACCESS_ROLE_ENV];
    const tableArn = process.env[TABLE_ARN_ENV];
    scoped = roleArn && tableArn ? new MineScopedDbs(new MineCredentialCache({ roleArn, tableArn })) : null;
  }
  const session = { mineId: principal.mineId, userSub: principal.sub };
  if (scoped) return scoped.forMine(base, session);
  return process.env[MINE_POLICY_CHECK_ENV] === '1' ? policyCheckedDb(base, session) : base;
}
