import { z } from 'zod';
import { f, type Field } from '../kit';

/** One validated entry of #26's countriesData; it becomes part of countriesJson (MAP-1). */
export interface CountryEntry {
  code: string;
  name: string;
  region?: string;
}

const MAX_COUNTRIES = 300;
const codeSchema = f.countryCode().schema;
const nameSchema = f.name().schema;

type Checked = { ok: true; list: CountryEntry[] } | { ok: false; message: string };

/** §6.6 #26: 1–300 objects with code, name and optional region; codes unique after upper-casing. */
export function checkCountries(value: unknown): Checked {
  if (!Array.isArray(value)) return { ok: false, message: 'countriesData must be an array' };
  if (value.length < 1 || value.length > MAX_COUNTRIES) return { ok: false, message: `countriesData must have 1 to ${MAX_COUNTRIES} entries` };
  const list: CountryEntry[] = [];
  const seen = new Set<string>();
  for (const [i, item] of value.entries()) {
    if (item === null || typeof item !== 'object' || Array.isArray(item)) return { ok: false, message: `countriesData[${i}] is invalid` };
    const raw = item as Record<string, unknown>;
    const code = codeSchema.safeParse(raw.code);
    if (!code.success) return { ok: false, message: `countriesData[${i}].code is invalid` };
    const name = nameSchema.safeParse(raw.name);
    if (!name.success) return { ok: false, message: `countriesData[${i}].name is invalid` };
    if (seen.has(code.data)) return { ok: false, message: `countriesData has a duplicate code: ${code.data}` };
    seen.add(code.data);
    const entry: CountryEntry = { code: code.data, name: name.data };
    if (raw.region !== undefined && raw.region !== null) {
      const region = nameSchema.safeParse(raw.region);
      if (!region.success) return { ok: false, message: `countriesData[${i}].region is invalid` };
      entry.region = region.data;
    }
    list.push(entry);
  }
  return { ok: true, list };
}

export function countriesField(): Field<CountryEntry[], false> {
  return {
    schema: z.unknown().transform((value, ctx) => {
      const checked = checkCountries(value);
      if (checked.ok) return checked.list;
      ctx.addIssue({ code: 'custom', message: checked.message });
      return z.NEVER;
    }),
    optional: false,
    invalid: (value) => {
      const checked = checkCountries(value);
      return checked.ok ? 'countriesData is invalid' : checked.message;
    },
  };
}
