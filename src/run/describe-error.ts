/**
 * One readable line for any thrown value, including causes: undici's "fetch failed" hides the
 * useful part ("connect ECONNREFUSED 127.0.0.1:3001") in `cause`, sometimes an AggregateError.
 */
export function describeError(error: unknown, depth = 0): string {
  if (depth > 4) return '';
  if (error instanceof AggregateError && error.errors.length > 0) {
    const inner = [...new Set(error.errors.map((e) => describeError(e, depth + 1)))].join('; ');
    return error.message ? `${error.message} (${inner})` : inner;
  }
  if (error instanceof Error) {
    const own = error.message || error.name;
    const cause = (error as { cause?: unknown }).cause;
    if (cause !== undefined && cause !== null) {
      const inner = describeError(cause, depth + 1);
      if (inner && !own.includes(inner)) return `${own} (${inner})`;
    }
    return own;
  }
  if (typeof error === 'string') return error;
  try {
    return JSON.stringify(error) ?? String(error);
  } catch {
    return String(error);
  }
}
