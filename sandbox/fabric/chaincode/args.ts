import { ChaincodeError } from './context';
import { parseAmount } from './decimal';

/** Argument checks of the GX chaincode (all arguments arrive as strings, §7.2). */
export function id(name: string, value: string, max = 256): string {
  if (value.length === 0 || value.length > max || value.trim() !== value) {
    throw new ChaincodeError(`${name} must be a non-empty id of at most ${max} characters`);
  }
  return value;
}

export function amount(name: string, value: string): bigint {
  const units = parseAmount(name, value);
  if (units <= 0n) throw new ChaincodeError(`${name} must be greater than 0`);
  return units;
}

export function bool(name: string, value: string): boolean {
  if (value === 'true') return true;
  if (value === 'false') return false;
  throw new ChaincodeError(`${name} must be "true" or "false"`);
}

export function int(name: string, value: string, min: number, max: number): number {
  if (!/^-?\d{1,10}$/.test(value)) throw new ChaincodeError(`${name} must be an integer`);
  const n = Number(value);
  if (n < min || n > max) throw new ChaincodeError(`${name} must be between ${min} and ${max}`);
  return n;
}

/** An optional integer: "" means absent. */
export function optionalInt(name: string, value: string, min: number, max: number): number | null {
  return value === '' ? null : int(name, value, min, max);
}

export function json(name: string, value: string): unknown {
  try {
    return JSON.parse(value);
  } catch {
    throw new ChaincodeError(`${name} must be valid JSON`);
  }
}

export function countryCode(name: string, value: string): string {
  if (!/^[A-Za-z]{2}$/.test(value)) throw new ChaincodeError(`${name} must be a two-letter country code`);
  return value.toUpperCase();
}

/** An optional country code: "" means absent. */
export function optionalCountry(name: string, value: string): string | null {
  return value === '' ? null : countryCode(name, value);
}

export function text(name: string, value: string, min: number, max: number): string {
  if (value.length < min || value.length > max) throw new ChaincodeError(`${name} must have ${min}-${max} characters`);
  return value;
}

export function idArray(name: string, value: unknown): string[] {
  if (!Array.isArray(value) || value.length === 0 || value.length > 100) {
    throw new ChaincodeError(`${name} must be a JSON array of 1-100 ids`);
  }
  for (const item of value) {
    if (typeof item !== 'string') throw new ChaincodeError(`${name} must contain only string ids`);
    id(name, item, 128);
  }
  if (new Set(value).size !== value.length) throw new ChaincodeError(`${name} must not contain duplicates`);
  return value as string[];
}
