import { describe, expect, it } from 'vitest';
import { parseProfileData } from '../../src/profile/load';
import { resolveTarget } from '../../src/profile/resolve';
import type { CheckContext } from '../../src/checks/define';
import { attackGate } from '../../suites/security/probes/support/family';
import { allSlots, GLOBAL_EFFECT } from '../../suites/security/probes/support/slots';
import { CATALOG } from '../../src/catalog/index';
import { syntheticWorld } from '../catalog/world';

/** Safety of the probes: profile fields, the gate, and what the slot list leaves out on purpose. */

const base = {
  name: 't', regions: [{ name: 'r', baseUrl: 'https://api.example.test' }],
  auth: { mode: 'mint', secret: { env: 'GXV_T_SECRET' } },
};
const env = { GXV_T_SECRET: 'x'.repeat(40) };
const parse = (extra: object) => parseProfileData({ ...base, ...extra }, '/tmp', { env });
const gateOf = (extra: object) => {
  const parsed = parse(extra);
  if (!parsed.ok) throw new Error(parsed.errors.join('; '));
  return attackGate({ target: resolveTarget(parsed.profile, { env }) } as unknown as CheckContext);
};

describe('profile fields and the attack gate', () => {
  it('probes need allowWrites; production needs allowAttacks too', () => {
    expect(gateOf({})).toMatch(/allowWrites: true/);
    expect(gateOf({ allowWrites: true })).toBeNull();
    expect(gateOf({ allowWrites: true, production: true })).toMatch(/production: true.*allowAttacks: true/);
    expect(gateOf({ allowWrites: true, production: true, allowAttacks: true })).toBeNull();
  });

  it('allowAttacks without allowWrites, bad waiver dates and missing scan files are rejected by field path', () => {
    const r = parse({ allowAttacks: true, vulnerabilityScan: { sboms: ['/nonexistent/bom.json'], waivers: [{ advisory: 'GHSA-x', reason: 'r', expires: '2026-02-30' }] } });
    expect(r.ok).toBe(false);
    const errors = r.ok ? [] : r.errors.join('\n');
    expect(errors).toMatch(/allowAttacks: .*allowWrites/);
    expect(errors).toMatch(/vulnerabilityScan\.sboms\[0\]: \/nonexistent\/bom\.json does not exist/);
    expect(errors).toMatch(/vulnerabilityScan\.waivers\[0\]\.expires: not a calendar date/);
  });
});

describe('input slots', () => {
  it('cover every route; only global-effect command bodies are left out', () => {
    const slots = allSlots(syntheticWorld());
    const routes = new Set(slots.map((s) => s.endpoint.id));
    expect(CATALOG.filter((e) => !routes.has(e.id)).map((e) => e.id)).toEqual([]);
    expect(slots.filter((s) => GLOBAL_EFFECT[s.endpoint.id] && s.location === 'body')).toEqual([]);
    expect(slots.some((s) => s.endpoint.id === '#5' && s.location === 'query' && s.name === 'offset' && s.numeric)).toBe(true);
  });
});
