import { createHash } from 'node:crypto';

/**
 * Friction without a third party (no captcha service): the browser asks for a challenge, finds a nonce such that
 * SHA-256(challenge ‖ nonce) starts with `difficulty` zero bits (about 2^difficulty hashes, a second or two in a
 * browser at the default), and sends both with the report. The server checks the hash in microseconds; a challenge
 * is stored, short-lived and deleted in the report's own transaction, so it serves one report only.
 */
export function leadingZeroBits(digest: Uint8Array): number {
  let bits = 0;
  for (const byte of digest) {
    if (byte === 0) {
      bits += 8;
      continue;
    }
    return bits + Math.clz32(byte) - 24;
  }
  return bits;
}

export const proofDigest = (challenge: string, nonce: string): Uint8Array =>
  createHash('sha256').update(`${challenge}${nonce}`, 'utf8').digest();

export const proofHolds = (challenge: string, nonce: string, difficulty: number): boolean =>
  leadingZeroBits(proofDigest(challenge, nonce)) >= difficulty;

/** Finds a nonce (for tests and the demo seed; the browser does the same with Web Crypto). */
export function solveProof(challenge: string, difficulty: number): string {
  for (let n = 0; ; n++) {
    const nonce = n.toString(36);
    if (proofHolds(challenge, nonce, difficulty)) return nonce;
  }
}
