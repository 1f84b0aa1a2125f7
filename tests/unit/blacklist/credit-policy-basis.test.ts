import { describe, expect, it } from 'vitest';
import { creditPolicyBasis } from '#lib/blacklist/proposals.ts';

describe('the credit ground’s basis, as the public list shows it', () => {
  it.each([
    [0, '本局安全信用分类监管策略（默认设置）'],
    [1, '本局安全信用分类监管策略（第 1 版）'],
    [12, '本局安全信用分类监管策略（第 12 版）'],
  ])('policy version %i → %s', (version, basis) => {
    expect(creditPolicyBasis(version)).toBe(basis);
  });
});
