import { describe, expect, it } from 'vitest';
import { leadingZeroBits, proofDigest, proofHolds, solveProof } from '#lib/tipoffs/proof-of-work.ts';
import { newTrackingCode, TRACKING_CODE_PATTERN } from '#lib/tipoffs/tipoff-item.ts';

describe('proof of work', () => {
  it.each([
    [[0xff], 0],
    [[0x80], 0],
    [[0x7f], 1],
    [[0x01], 7],
    [[0x00, 0xff], 8],
    [[0x00, 0x00, 0x10], 19],
    [[0x00, 0x00], 16],
  ])('%j has %i leading zero bits', (bytes, bits) => {
    expect(leadingZeroBits(Uint8Array.from(bytes))).toBe(bits);
  });

  it('a solved challenge holds at its difficulty and not at a harder one it happens to miss', () => {
    const challenge = 'AAAAAAAAAAAAAAAAAAAAAA';
    const nonce = solveProof(challenge, 10);
    expect(proofHolds(challenge, nonce, 10)).toBe(true);
    const bits = leadingZeroBits(proofDigest(challenge, nonce));
    expect(proofHolds(challenge, nonce, bits + 1)).toBe(false);
    // The same nonce for another challenge is (almost surely) no proof.
    expect(proofHolds('BBBBBBBBBBBBBBBBBBBBBB', nonce, 10) && proofHolds('CCCCCCCCCCCCCCCCCCCCCC', nonce, 10)).toBe(
      false,
    );
  });
});

describe('tracking codes', () => {
  it('are 24 characters without look-alikes, and differ each time', () => {
    const codes = new Set(Array.from({ length: 200 }, newTrackingCode));
    expect(codes.size).toBe(200);
    for (const c of codes) expect(c).toMatch(TRACKING_CODE_PATTERN);
    expect([...codes].join('')).not.toMatch(/[01ILO]/);
  });
});
