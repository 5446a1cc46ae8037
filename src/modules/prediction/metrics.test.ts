import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { brierScore, meanAbsoluteError, rocAuc } from './metrics.js';

/** The definition itself: over every (positive, negative) pair, 1 when the positive scores higher, ½ on a tie. */
function pairwiseAuc(scores: readonly number[], positives: readonly boolean[]): number {
  let wins = 0;
  let pairs = 0;
  scores.forEach((p, i) => {
    if (!positives[i]) return;
    scores.forEach((n, j) => {
      if (positives[j]) return;
      pairs += 1;
      wins += p > n ? 1 : p === n ? 0.5 : 0;
    });
  });
  return wins / pairs;
}

describe('mean absolute error', () => {
  it('averages the absolute differences', () => {
    // |3 − 1| + |−2 − 2| + |5 − 5| = 2 + 4 + 0 = 6 over 3
    expect(meanAbsoluteError([3, -2, 5], [1, 2, 5])).toBe(2);
  });

  it('refuses predictions and outcomes of different lengths', () => {
    expect(() => meanAbsoluteError([1], [1, 2])).toThrow(RangeError);
  });
});

describe('ROC AUC', () => {
  it('is 1 for a perfect ranking and 0 for the reversed one', () => {
    const positives = [false, false, true, true];
    expect(rocAuc([0.1, 0.2, 0.7, 0.9], positives)).toBe(1);
    expect(rocAuc([0.9, 0.7, 0.2, 0.1], positives)).toBe(0);
  });

  it('is one half when every score is tied', () => {
    expect(rocAuc([0.3, 0.3, 0.3, 0.3, 0.3], [true, false, true, false, false])).toBe(0.5);
  });

  it('matches hand-computed values, with and without ties', () => {
    // Positives 0.35 and 0.8, negatives 0.1 and 0.4: 0.35 beats 0.1 only, 0.8 beats both → 3 of 4 pairs.
    expect(rocAuc([0.1, 0.4, 0.35, 0.8], [false, false, true, true])).toBe(0.75);
    // Positives 0.5 and 0.8, negatives 0.5 and 0.2: 0.5 ties 0.5 (½), beats 0.2 (1); 0.8 beats both (2) → 3.5 / 4.
    expect(rocAuc([0.5, 0.5, 0.2, 0.8], [true, false, false, true])).toBe(0.875);
  });

  it('is undefined (NaN) with only one class', () => {
    expect(rocAuc([0.1, 0.2], [true, true])).toBeNaN();
    expect(rocAuc([0.1, 0.2], [false, false])).toBeNaN();
  });

  it('equals the pairwise definition on any scores, including many ties', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 5 }), fc.boolean()), { minLength: 2, maxLength: 40 }).filter((xs) => xs.some(([, p]) => p) && xs.some(([, p]) => !p)),
        (items) => {
          const scores = items.map(([s]) => s / 5);
          const labels = items.map(([, p]) => p);
          expect(rocAuc(scores, labels)).toBeCloseTo(pairwiseAuc(scores, labels), 12);
        },
      ),
    );
  });
});

describe('Brier score', () => {
  it('is the mean squared distance between probability and outcome', () => {
    // (0.9 − 1)² + (0.2 − 0)² = 0.01 + 0.04 over 2
    expect(brierScore([0.9, 0.2], [true, false])).toBeCloseTo(0.025, 12);
  });
});
