/**
 * VAL-5: a JSON number is read by its decimal literal. JSON.parse (Node 20, no source access) turns
 * `12345678901234567.123456789` into the nearest double, so the literals of the body's top-level
 * numbers are read from the raw text and kept beside the parsed body, under a symbol key that no
 * Object.keys, spread or JSON.stringify sees.
 */
export const NUMBER_LITERALS = Symbol('gx.numberLiterals');

const NUMBER = /-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

/** The literal text of each number that is a top-level property value of a JSON object text. */
export function topLevelNumberLiterals(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  let depth = 0;
  let key: string | null = null;
  let afterColon = false;
  for (let i = 0; i < text.length;) {
    const c = text[i];
    if (c === '"') {
      let j = i + 1;
      while (j < text.length && text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
      if (depth === 1 && !afterColon) {
        try { key = JSON.parse(text.slice(i, j + 1)) as string; } catch { key = null; }
      }
      afterColon = false;
      i = j + 1;
    } else if (c === '-' || (c >= '0' && c <= '9')) {
      NUMBER.lastIndex = i;
      const literal = NUMBER.exec(text)?.[0] ?? c;
      if (depth === 1 && afterColon && key !== null) out[key] = literal;
      afterColon = false;
      i += literal.length;
    } else {
      if (c === '{' || c === '[') depth++;
      else if (c === '}' || c === ']') depth--;
      if (c === ',' || c === '{') key = null;
      afterColon = c === ':' ? true : c === ' ' || c === '\t' || c === '\n' || c === '\r' ? afterColon : false;
      i++;
    }
  }
  return out;
}

/** Keeps the literals on the parsed body (an object body only). */
export function attachLiterals(body: unknown, raw: string): void {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return;
  Object.defineProperty(body, NUMBER_LITERALS, { value: topLevelNumberLiterals(raw), enumerable: false });
}

/** The literal of a top-level number field, when it is a plain decimal (exponent forms stay numbers). */
export function plainLiteral(body: Record<string, unknown>, field: string): string | null {
  const literal = (body as { [NUMBER_LITERALS]?: Record<string, string> })[NUMBER_LITERALS]?.[field];
  return literal !== undefined && /^\d+(?:\.\d+)?$/.test(literal) ? literal : null;
}
