import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseProfileText } from '../../src/profile/load';
import { resolveTarget } from '../../src/profile/resolve';
import type { Target } from '../../src/profile/target';
import { explain, startHarness, type IntegrationHarness } from './harness';

/**
 * The same sandbox seen through a login-mode profile (tokens from I1, no signing secret): the JWT
 * cases that must forge a signature are skipped with the reason, everything else still runs.
 */
let h: IntegrationHarness;
let login: Target;

beforeAll(async () => {
  h = await startHarness('gxv-it-login');
  const passwordFile = path.join(h.sandbox.tempDir, 'fixture-password');
  writeFileSync(passwordFile, h.world.users.userA.password, { mode: 0o600 });
  const account = (key: keyof typeof h.world.users) => ({ email: h.world.users[key].email, password: { file: passwordFile } });
  const { auth: _mint, ...rest } = h.sandbox.profileDocument();
  const doc = {
    ...rest,
    auth: { mode: 'login', accounts: { USER: [account('userA'), account('userB')], ADMIN: account('admin'), SUPER_ADMIN: account('superAdmin'), PARTNER_API: account('partner') } },
  };
  const parsed = parseProfileText(JSON.stringify(doc), 'json', h.sandbox.tempDir);
  if (!parsed.ok) throw new Error(parsed.errors.join('; '));
  login = resolveTarget(parsed.profile);
});
afterAll(async () => { await h?.stop(); });

describe('the integration layer in login mode', () => {
  it('skips the cases that need the signing secret and runs the rest', async () => {
    const needSecret = ['INT-JWT-EXPIRED', 'INT-JWT-NO-EXP', 'INT-JWT-WRONG-AUD', 'INT-JWT-WRONG-ISS', 'INT-JWT-NBF-FUTURE', 'INT-JWT-BAD-PAYLOAD', 'INT-JWT-ALG-NOT-ALLOWLISTED'];
    const run = ['INT-JWT-VALID-ACCEPTED', 'INT-JWT-NO-HEADER', 'INT-JWT-BAD-SIGNATURE', 'INT-JWT-ALG-NONE', 'INT-JWT-ALG-CONFUSION',
      'INT-JWT-REFRESH-AS-ACCESS', 'INT-JWT-ACCESS-AT-REFRESH', 'INT-JWT-REVOKED-REFRESH', 'INT-AUTHZ-ROLES', 'INT-AUTHZ-OWNERSHIP',
      'INT-AUTHZ-EXISTENCE-LEAK', 'INT-CONTRACT-I5', 'INT-ERRORS-E19'];
    const results = await h.run([...needSecret, ...run], { target: login });
    for (const id of needSecret) {
      expect(results.get(id)?.status, explain(results.get(id))).toBe('skipped');
      expect(results.get(id)?.message).toMatch(/signing secret/);
    }
    for (const id of run) expect(results.get(id)?.status, explain(results.get(id))).toBe('pass');
  });

  it('still catches a defect it can see without the secret', async () => {
    await h.sandbox.faults.set(['auth-alg-none']);
    try {
      const results = await h.run(['INT-JWT-ALG-NONE'], { target: login });
      expect(results.get('INT-JWT-ALG-NONE')?.status, explain(results.get('INT-JWT-ALG-NONE'))).toBe('fail');
    } finally {
      await h.sandbox.faults.set([]);
    }
  });
});
