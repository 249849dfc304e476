/**
 * What an error answer must never carry (ERR-3, RESP-1): internals of the server and credentials.
 * One list for every check and for the passive inspector (style.md #13).
 */
export const LEAK_PATTERNS: [string, RegExp][] = [
  ['stack frame', /\bat (?:async )?[\w$.<>[\]]+ \(|\n\s+at\s/],
  ['source location', /\.(?:ts|js|mjs|cjs):\d+/],
  ['file path', /node_modules|(?:^|[\s"'(=])\/(?:usr|home|app|src|opt|var|srv|root|work|tmp)\//],
  ['SQL text', /\b(?:SELECT\s.+\sFROM|INSERT INTO|UPDATE\s+"?\w+"?\s+SET|DELETE FROM)\b/i],
  ['driver text', /syntax error|invalid input syntax|violates|\bpg_\w+|relation "|column "|duplicate key|invalid byte sequence|SQLSTATE|value too long for type|index row size|unterminated quoted/i],
  ['library error', /\b(?:Prisma\w*|QueryFailedError|DatabaseError|TypeError|ReferenceError|RangeError|SyntaxError: |URIError)\b/],
  ['connection details', /ECONNREFUSED|ETIMEDOUT|postgres(?:ql)?:\/\/|rediss?:\/\//i],
];

/**
 * Internal hosts and credentials. Kept apart from LEAK_PATTERNS: active probes send tokens and
 * host names themselves, so these are judged only where an echo of the request is discounted
 * (findLeaks).
 */
export const CREDENTIAL_PATTERNS: [string, RegExp][] = [
  ['internal host name', /\b[a-z0-9-]+(?:\.[a-z0-9-]+)*\.svc(?:\.cluster\.local)?\b|\b(?:localhost|127\.0\.0\.1):\d{2,5}\b/i],
  ['a JWT', /\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{10,}/],
  ['a password hash', /\$2[aby]\$\d{2}\$[./A-Za-z0-9]{53}|\$argon2(?:id|i|d)\$/],
];

export interface Leak {
  /** What leaked ("stack frame", "a configured secret"). */
  kind: string;
  /** The text that matched, cut to 80 characters. */
  match: string;
}

/**
 * The leaks in `text`, ignoring any match that is the client's own input echoed back (a 404
 * quoting the path it was asked for, a message naming a rejected value): `echo` is what the
 * client sent (URL, body). Configured secrets of at least 6 characters count wherever they appear.
 */
export function findLeaks(text: string, opts: { echo?: string; secrets?: readonly string[] } = {}): Leak[] {
  const echo = opts.echo ?? '';
  const found: Leak[] = [];
  for (const [kind, re] of [...LEAK_PATTERNS, ...CREDENTIAL_PATTERNS]) {
    const m = new RegExp(re.source, re.flags.includes('g') ? re.flags : `${re.flags}g`);
    for (const hit of text.matchAll(m)) {
      if (hit[0].trim() !== '' && echo.includes(hit[0])) continue;
      found.push({ kind, match: hit[0].slice(0, 80) });
      break;
    }
  }
  for (const secret of opts.secrets ?? []) {
    if (secret.length >= 6 && text.includes(secret)) found.push({ kind: 'a configured secret', match: '<secret>' });
  }
  return found;
}
