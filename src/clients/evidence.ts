/**
 * How the HTTP clients write an exchange into evidence: bodies cut to an excerpt, credentials
 * masked by the client itself (the runner's redactor is the second line of defence, not the first),
 * and a curl line that replays the request.
 */

const EXCERPT = 1500;

/**
 * Evidence never carries credentials in bodies either: token, password and secret fields and
 * JWT-looking strings are masked here (the runner's redactor then removes profile secrets).
 */
export function maskCredentials(text: string): string {
  return text
    .replace(/("[A-Za-z0-9_-]*(?:token|password|secret)"\s*:\s*)"(?:[^"\\]|\\.)*"/gi, '$1"<redacted>"')
    .replace(/\beyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*/g, '<redacted-jwt>');
}

export function excerpt(text: string, max = EXCERPT): string {
  return text.length <= max ? text : `${text.slice(0, max)}… (${text.length} chars)`;
}

/** The Authorization header as evidence shows it: scheme kept, credential redacted. */
export function redactedAuthorization(value: string): string {
  const scheme = value.split(' ')[0];
  if (value.trim() === '') return '<empty>';
  if (scheme === value) return '<redacted>';
  return `${scheme} <redacted>`;
}

export function shellQuote(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

/** A curl command replaying the request with the headers as shown (credentials already masked). */
export function curlLine(method: string, url: string, shown: Record<string, string>, body: { text?: string; bytes?: number }): string {
  const parts = ['curl', '-sS', '-i', '-X', method.toUpperCase(), shellQuote(url)];
  for (const [k, v] of Object.entries(shown)) parts.push('-H', shellQuote(`${k}: ${v}`));
  if (body.bytes !== undefined) parts.push('--data-binary', `@<(head -c ${body.bytes} /dev/zero | tr '\\0' ' ')`);
  else if (body.text !== undefined) parts.push('--data-binary', shellQuote(excerpt(body.text, 4000)));
  return parts.join(' ');
}
