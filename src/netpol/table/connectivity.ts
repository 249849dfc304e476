/**
 * What one probe (or the engine) says about a connection. A probe that could not run is
 * `probe-failed`, never read as blocked; a cell nothing decided is `unknown`.
 */
export const CONNECTIVITY = ['allowed', 'blocked', 'probe-failed', 'unknown'] as const;
export type Connectivity = (typeof CONNECTIVITY)[number];

export const GLYPH: Record<Connectivity, string> = { allowed: '.', blocked: 'X', 'probe-failed': '!', unknown: '?' };

export const glyphOf = (c: Connectivity | undefined): string => GLYPH[c ?? 'unknown'];

export const fromBoolean = (allowed: boolean): Connectivity => (allowed ? 'allowed' : 'blocked');

export const GLYPH_LEGEND = '. allowed   X blocked   ! probe failed   ? unknown';
