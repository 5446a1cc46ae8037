/** Evaluation measures for the payment-date model: plain functions of predictions and outcomes. */

export function meanAbsoluteError(predicted: readonly number[], actual: readonly number[]): number {
  if (predicted.length !== actual.length) throw new RangeError(`length mismatch: ${predicted.length} predictions, ${actual.length} outcomes`);
  if (predicted.length === 0) return Number.NaN;
  let sum = 0;
  for (let i = 0; i < predicted.length; i++) sum += Math.abs((predicted[i] ?? 0) - (actual[i] ?? 0));
  return sum / predicted.length;
}

/**
 * Area under the ROC curve: the probability that a randomly chosen positive scores higher than a randomly chosen
 * negative, a tie counting one half (the Mann-Whitney U statistic ÷ positives × negatives). Scores are ranked once;
 * a group of tied scores gets its average rank, which is what makes ties count one half. NaN when either class is
 * empty (the measure is undefined there).
 */
export function rocAuc(scores: readonly number[], positives: readonly boolean[]): number {
  if (scores.length !== positives.length) throw new RangeError(`length mismatch: ${scores.length} scores, ${positives.length} labels`);
  if (scores.some((s) => Number.isNaN(s))) throw new RangeError('a score is NaN');
  const order = scores.map((_, i) => i).sort((a, b) => (scores[a] ?? 0) - (scores[b] ?? 0));
  let positiveRankSum = 0;
  let positiveCount = 0;
  let start = 0;
  while (start < order.length) {
    let end = start;
    while (end + 1 < order.length && scores[order[end + 1] ?? 0] === scores[order[start] ?? 0]) end += 1;
    // Ranks start..end (0-based) share the average rank, 1-based.
    const averageRank = (start + end) / 2 + 1;
    for (let i = start; i <= end; i++) {
      if (positives[order[i] ?? 0]) {
        positiveRankSum += averageRank;
        positiveCount += 1;
      }
    }
    start = end + 1;
  }
  const negativeCount = scores.length - positiveCount;
  if (positiveCount === 0 || negativeCount === 0) return Number.NaN;
  return (positiveRankSum - (positiveCount * (positiveCount + 1)) / 2) / (positiveCount * negativeCount);
}

/** Mean of (p − outcome)²: how well calibrated and sharp the probabilities are (0 is perfect, 0.25 is a coin). */
export function brierScore(probabilities: readonly number[], outcomes: readonly boolean[]): number {
  if (probabilities.length !== outcomes.length) throw new RangeError('length mismatch');
  if (probabilities.length === 0) return Number.NaN;
  let sum = 0;
  for (let i = 0; i < probabilities.length; i++) sum += ((probabilities[i] ?? 0) - (outcomes[i] ? 1 : 0)) ** 2;
  return sum / probabilities.length;
}
