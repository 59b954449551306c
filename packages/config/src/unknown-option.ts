/**
 * The message for an option name nobody knows, with the closest known name when one is near
 * enough to be the likely intent (`heartbeatInterval` -> `heartbeatIntervalMs`).
 */
export function unknownOptionMessage(name: string, known: readonly string[]): string {
  const suggestion = closestName(name, known);
  return suggestion === undefined
    ? 'is not a known option'
    : `is not a known option; did you mean '${suggestion}'?`;
}

function closestName(name: string, known: readonly string[]): string | undefined {
  const lower = name.toLowerCase();

  // A missing unit suffix or a different letter case is the commonest slip.
  const exact = known.find(candidate => {
    const candidateLower = candidate.toLowerCase();
    return candidateLower === lower || candidateLower === `${lower}ms`;
  });
  if (exact !== undefined) return exact;

  let best: string | undefined;
  let bestDistance = Math.max(2, Math.floor(name.length / 4)) + 1;
  for (const candidate of known) {
    const distance = editDistance(lower, candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

/** Levenshtein distance, one row at a time. */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= b.length; j += 1) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution);
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}
