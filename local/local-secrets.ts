import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Secrets of a local installation, made once and kept in the data directory: the key that signs dev tokens and
 * the key that protects resident IDs. Kept with the data so tokens and ID hashes stay valid across restarts.
 */
export interface LocalSecrets {
  readonly jwtSecret: string;
  readonly piiHashKey: string;
}

export function loadLocalSecrets(dataDir: string): LocalSecrets {
  const file = join(dataDir, 'local-secrets.json');
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as LocalSecrets;
  } catch {
    mkdirSync(dataDir, { recursive: true });
    const secrets: LocalSecrets = {
      jwtSecret: randomBytes(32).toString('base64url'),
      piiHashKey: randomBytes(32).toString('base64url'),
    };
    writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
    return secrets;
  }
}

export const defaultDataDir = (): string => process.env.DATA_DIR ?? join(process.cwd(), '.data');
