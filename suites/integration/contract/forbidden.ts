/** RESP-1: keys no response may carry, found at any depth. */
export const FORBIDDEN_KEYS = ['passwordHash', 'biometricHash'];

export function forbiddenKeyPaths(value: unknown, path = '$'): string[] {
  if (Array.isArray(value)) return value.flatMap((item, i) => forbiddenKeyPaths(item, `${path}[${i}]`));
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([key, child]) => [
    ...(FORBIDDEN_KEYS.includes(key) ? [`${path}.${key}`] : []),
    ...forbiddenKeyPaths(child, `${path}.${key}`),
  ]);
}
