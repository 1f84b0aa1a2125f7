import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { MINE_SESSION_TAG, mineSessionPolicy } from '#lib/auth/mine-session-policy.ts';
import type { Principal } from '#lib/auth/principal.ts';
import type { Db } from './db.ts';
import { MINE_POLICY_CHECK_ENV, policyCheckedDb } from './policy-checked-db.ts';

/**
 * A mine user's requests reach the table with credentials that can only address that mine's partitions
 * (lib/auth/mine-session-policy.ts): the API function assumes the MineAccessRole with the session tag `mineId` and
 * the mine's session policy, and builds a document client from those credentials. Credentials are cached per mine
 * and renewed shortly before they expire; the client per mine is cached too (a warm function serves many requests
 * of few mines). Without MINE_ACCESS_ROLE_ARN in the environment (the local runtime, tests) the shared Db serves.
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
/** Mines whose client a warm function keeps; the least recently used goes first. */
const MAX_MINES = 100;

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

/** Per-mine credentials from STS, each reused until RENEW_BEFORE_MS before it expires. */
export class MineCredentialCache {
  private readonly cache = new Map<string, Promise<MineCredentials>>();
  private readonly sts: Pick<STSClient, 'send'>;
  private readonly now: () => number;

  constructor(private readonly options: MineCredentialOptions) {
    this.sts = options.sts ?? new STSClient({});
    this.now = options.now ?? Date.now;
  }

  async credentialsFor(mineId: string): Promise<MineCredentials> {
    const cached = this.cache.get(mineId);
    if (cached) {
      const credentials = await cached.catch(() => undefined);
      if (credentials && credentials.expiration.getTime() - RENEW_BEFORE_MS > this.now()) return credentials;
      // Another request may have started the renewal meanwhile: share it.
      const current = this.cache.get(mineId);
      if (current && current !== cached) return current;
    }
    const fresh = this.assume(mineId);
    this.cache.delete(mineId);
    this.cache.set(mineId, fresh);
    if (this.cache.size > MAX_MINES) this.cache.delete(this.cache.keys().next().value!);
    // A failed AssumeRole is not kept: the next request tries again.
    fresh.catch(() => {
      if (this.cache.get(mineId) === fresh) this.cache.delete(mineId);
    });
    return fresh;
  }

  private async assume(mineId: string): Promise<MineCredentials> {
    const out = await this.sts.send(
      new AssumeRoleCommand({
        RoleArn: this.options.roleArn,
        RoleSessionName: `mine-${mineId}`.slice(0, 64),
        DurationSeconds: SESSION_SECONDS,
        Tags: [{ Key: MINE_SESSION_TAG, Value: mineId }],
        Policy: JSON.stringify(mineSessionPolicy(this.options.tableArn, mineId)),
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

/** Hands out a Db per mine whose client signs with that mine's credentials. */
export class MineScopedDbs {
  private readonly clients = new Map<string, DynamoDBDocumentClient>();

  constructor(private readonly credentials: MineCredentialCache) {}

  forMine(base: Db, mineId: string): Db {
    let doc = this.clients.get(mineId);
    if (!doc) {
      const client = new DynamoDBClient({ credentials: () => this.credentials.credentialsFor(mineId) });
      doc = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
      this.clients.set(mineId, doc);
      if (this.clients.size > MAX_MINES) this.clients.delete(this.clients.keys().next().value!);
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
  if (scoped) return scoped.forMine(base, principal.mineId);
  return process.env[MINE_POLICY_CHECK_ENV] === '1' ? policyCheckedDb(base, principal.mineId) : base;
}
