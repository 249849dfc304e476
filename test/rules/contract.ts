import { readFileSync } from 'node:fs';

/**
 * Reads the shared contract's rule ids and §6 Errors columns, so the registry's test can prove the
 * typed data complete. Test-only: the product never reads ../shared at run time.
 */
export function contractText(): string {
  const candidates = ['../shared/gx-contract.md', '/work/shared/gx-contract.md'];
  const file = candidates.find((f) => { try { readFileSync(f); return true; } catch { return false; } });
  if (!file) throw new Error('gx-contract.md not found beside the repo');
  return readFileSync(file, 'utf8');
}

export interface ContractRuleRow { id: string; strength: 'MUST' | 'SHOULD' | 'MAY' }

/** `- **AUTH-2** …`, `- **HTTP-7** (SHOULD) …` bullets and the NP-1…NP-8 table rows. */
export function contractRuleIds(text: string): ContractRuleRow[] {
  const rows: ContractRuleRow[] = [];
  for (const m of text.matchAll(/^- \*\*([A-Z]+(?:-[A-Z]+)?-\d+)\*\*(?: \((SHOULD|MAY)\))?/gm)) {
    rows.push({ id: m[1], strength: (m[2] as 'SHOULD' | 'MAY' | undefined) ?? 'MUST' });
  }
  for (const m of text.matchAll(/^\| (NP-\d+) \|/gm)) rows.push({ id: m[1], strength: 'MUST' });
  return rows;
}

/** Splits on `;` outside parentheses, quotes and backticks. */
export function splitTopLevel(cell: string): string[] {
  const parts: string[] = [];
  let depth = 0; let quote = false; let tick = false; let start = 0;
  for (let i = 0; i < cell.length; i++) {
    const ch = cell[i];
    if (ch === '`') tick = !tick;
    else if (!tick && ch === '"') quote = !quote;
    else if (!tick && !quote && ch === '(') depth++;
    else if (!tick && !quote && ch === ')') depth--;
    else if (ch === ';' && depth === 0 && !quote && !tick) { parts.push(cell.slice(start, i).trim()); start = i + 1; }
  }
  parts.push(cell.slice(start).trim());
  return parts.filter(Boolean);
}

export interface ErrorRow {
  endpoint: string;
  status: number;
  /** The quoted reference message, or null where the row refers elsewhere ("403 per §3.5"). */
  message: string | null;
  strength: 'MUST' | 'SHOULD';
  raw: string;
}

function entry(endpoint: string, text: string): ErrorRow[] {
  const m = /^(\d{3})(?:\/(\d{3}))?\s*(?:`?"([^"]*)"`?)?/.exec(text);
  if (!m) throw new Error(`unparsed error entry of ${endpoint}: ${text}`);
  const strength = /SHOULD/.test(text) ? 'SHOULD' : 'MUST';
  return [m[1], m[2]].filter(Boolean).map((s) => ({ endpoint, status: Number(s), message: m[3] ?? null, strength, raw: text }));
}

/**
 * Every documented error of §6: the Errors column of each route table; for svc-admin (whose table
 * has an Answer column) its non-2xx answers, #30's "else 400" in the Request column, and the VAL-6
 * note for #25–#31 routes that take a body.
 */
export function contractErrorRows(text: string): ErrorRow[] {
  const section = text.slice(text.indexOf('## 6. Endpoint catalog'), text.indexOf('### 6.8'));
  const rows: ErrorRow[] = [];
  let errorsColumn = -1;
  for (const line of section.split('\n')) {
    if (!line.startsWith('|')) continue;
    const cells = line.split(' | ').map((c) => c.replace(/^\|\s*|\s*\|$/g, '').trim());
    if (cells[0] === 'Id' || cells[0] === '#') { errorsColumn = cells.findIndex((c) => c === 'Errors' || c === 'Answer'); continue; }
    if (cells.length <= errorsColumn || errorsColumn < 0) continue; // the |---| rule line
    const endpoint = /^\d+$/.test(cells[0]) ? `#${cells[0]}` : cells[0];
    // Errors column: every entry is an error. Answer column (svc-admin): the non-2xx answers among its parts.
    const isAnswer = cells.length === 6;
    const answers = splitTopLevel(cells[errorsColumn])
      .filter((p) => p !== 'none' && !/^2\d\d\b/.test(p) && (!isAnswer || /^[45]\d\d\b/.test(p)));
    for (const a of answers) rows.push(...entry(endpoint, a));
    const request = cells[errorsColumn - 1];
    const orElse = /else (\d{3}) `?"([^"]+)"/.exec(request);
    if (orElse) rows.push({ endpoint, status: Number(orElse[1]), message: orElse[2], strength: /SHOULD/.test(request) ? 'SHOULD' : 'MUST', raw: request });
    if (isAnswer && /^2[5-9]$|^3[01]$/.test(cells[0]) && request !== 'none') {
      rows.push({ endpoint, status: 400, message: null, strength: 'MUST', raw: 'Invalid bodies of #25–#31 → 400 naming the field (VAL-6)' });
    }
  }
  return rows;
}
