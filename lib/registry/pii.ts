import { createHmac } from 'node:crypto';

/**
 * Resident IDs are never stored in clear: a keyed hash (HMAC-SHA256) finds a person again (blacklist checks by
 * ID), and the masked form is what people see. The key is a secret: PII_HASH_KEY locally, a Secrets Manager
 * secret (PII_SECRET_ARN) in AWS, read once per cold start. A plain hash would not do: 18-digit IDs with a birth
 * date inside are few enough to enumerate.
 */
let key: Promise<string> | undefined;

async function loadKey(): Promise<string> {
  const local = process.env.PII_HASH_KEY;
  if (local) return local;
  const arn = process.env.PII_SECRET_ARN;
  if (arn) {
    const { SecretsManagerClient, GetSecretValueCommand } = await import('@aws-sdk/client-secrets-manager');
    const out = await new SecretsManagerClient({}).send(new GetSecretValueCommand({ SecretId: arn }));
    if (out.SecretString) return out.SecretString;
  }
  throw new Error('No key to protect resident IDs: set PII_HASH_KEY (local) or PII_SECRET_ARN (AWS)');
}

export async function residentIdHash(normalizedId: string): Promise<string> {
  key ??= loadKey().catch((error: unknown) => {
    key = undefined;
    throw error;
  });
  return createHmac('sha256', await key)
    .update(normalizedId)
    .digest('hex');
}
