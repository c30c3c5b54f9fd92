import { describe, expect, it } from 'vitest';
import { twoProportionTest } from './two-proportion-test.ts';
import { expectClose } from './fixtures/expect-close.ts';

describe('twoProportionTest — pooled z, uncorrected Pearson X²', () => {
  it('Biostatistics For Dummies 2nd ed. ch. 12 (pp. 165, 169): 33/60 vs 10/40 gives X² 8.8127, z 2.9686, p 0.0030', () => {
    const result = twoProportionTest(33, 60, 10, 40);
    expectClose(result.chiSquare, 8.8127);
    expectClose(result.z, 2.9686);
    expectClose(result.pValue, 0.003);
  });

  it('Rodríguez GLM notes ch. 3, Table 3.2: 219/972 vs 288/635 gives Pearson X² 92.6442', () => {
    expect(Math.abs(twoProportionTest(219, 972, 288, 635).chiSquare - 92.6442)).toBeLessThan(1e-4);
  });

  it('Routes out of Prison evaluation 100/250 vs 119/270: SE 0.0433, z −0.9401, X² 0.8838, p 0.3472', () => {
    const result = twoProportionTest(100, 250, 119, 270);
    expectClose(result.standardError, 0.0433);
    expectClose(result.z, -0.9401);
    expectClose(result.chiSquare, 0.8838);
    expectClose(result.pValue, 0.3472);
  });

  it('gives z 0 and p 1 when every outcome is the same', () => {
    expect(twoProportionTest(0, 10, 0, 12)).toMatchObject({ z: 0, pValue: 1 });
  });
});
