// Mirrors pkg/scheduler/framework/plugins/helper/normalize_score.go
import { MAX_NODE_SCORE } from '../framework/status';

/**
 * `DefaultNormalizeScore`: scales scores from 0..max(scores) to 0..MAX_NODE_SCORE with integer division,
 * then, when `reverse`, flips them (MAX_NODE_SCORE - score). All zero stays zero, or becomes
 * MAX_NODE_SCORE when reversed. Scores are non-negative integers.
 */
export function defaultNormalizeScore(reverse: boolean, scores: Float64Array): void {
  let maxCount = 0;
  for (let i = 0; i < scores.length; i++) if (scores[i]! > maxCount) maxCount = scores[i]!;
  if (maxCount === 0) {
    if (reverse) scores.fill(MAX_NODE_SCORE);
    return;
  }
  for (let i = 0; i < scores.length; i++) {
    const score = Math.floor((MAX_NODE_SCORE * scores[i]!) / maxCount);
    scores[i] = reverse ? MAX_NODE_SCORE - score : score;
  }
}
