/** Edit distance (Levenshtein), for "did you mean" suggestions; inputs are short ids, so O(n·m) is fine. */
function distance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++)
      row[j] = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = row;
  }
  return prev[b.length];
}

/**
 * The ids nearest to what was typed: those containing it (a bare area "chain" or defect "reversed"), else
 * those whose id, area or defect is within a third of its length in edit distance, closest first, at most `max`.
 */
export function closestIds(typed: string, ids: readonly string[], max = 3): string[] {
  const t = typed.toLowerCase();
  const containing = ids.filter((id) => t.length >= 3 && id.includes(t));
  if (containing.length) return containing.slice(0, max);
  const limit = Math.max(2, Math.ceil(t.length / 3));
  return ids
    .map((id) => ({ id, d: Math.min(distance(t, id), ...id.split(".").map((part) => distance(t, part))) }))
    .filter((x) => x.d <= limit)
    .sort((a, b) => a.d - b.d)
    .slice(0, max)
    .map((x) => x.id);
}
