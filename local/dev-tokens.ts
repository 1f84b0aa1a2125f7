import { jwtVerify, SignJWT } from 'jose';
import { isRole, type Role } from '#lib/auth/roles.ts';

/**
 * Dev tokens: JWTs signed with the installation's local key, carrying the same claims the Cognito tokens carry in
 * AWS. The local HTTP adapter verifies them the way API Gateway's JWT authorizer verifies Cognito's.
 */
export const LOCAL_ISSUER = 'coalsafe-local';
export const LOCAL_AUDIENCE = 'coalsafe';

export interface DevTokenInput {
  readonly role: Role;
  readonly sub?: string;
  readonly name?: string;
  readonly jurisdiction?: string;
  readonly mineId?: string;
  readonly expiresIn?: string;
}

const key = (secret: string) => new TextEncoder().encode(secret);

export async function signDevToken(secret: string, input: DevTokenInput): Promise<string> {
  if (!isRole(input.role)) throw new Error(`Unknown role ${String(input.role)}`);
  if (input.role === 'mine_user' && !input.mineId) throw new Error('A mine_user token needs --mine <mineId>');
  if (['bureau_admin', 'inspector', 'legal_reviewer'].includes(input.role) && !input.jurisdiction) {
    throw new Error(`A ${input.role} token needs --jurisdiction such as hlj/hegang/dongshan`);
  }
  const claims: Record<string, string> = { role: input.role };
  if (input.name) claims.name = input.name;
  if (input.jurisdiction) claims.jurisdiction = input.jurisdiction;
  if (input.mineId) claims.mineId = input.mineId;
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(input.sub ?? `dev-${input.role}${input.mineId ? `-${input.mineId}` : ''}`)
    .setIssuer(LOCAL_ISSUER)
    .setAudience(LOCAL_AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(input.expiresIn ?? '30d')
    .sign(key(secret));
}

/** The claims of a valid token, or undefined for a missing, expired, forged or foreign one. */
export async function verifyDevToken(secret: string, token: string): Promise<Record<string, unknown> | undefined> {
  try {
    const { payload } = await jwtVerify(token, key(secret), {
      issuer: LOCAL_ISSUER,
      audience: LOCAL_AUDIENCE,
      algorithms: ['HS256'],
    });
    return payload as Record<string, unknown>;
  } catch {
    return undefined;
  }
}
