import { CATALOG } from '../../catalog/index';
import type { FixtureUser, FixtureWorld } from '../../fixtures/types';

/**
 * Request templates for exported k6 scripts: each catalog example rendered against a world whose
 * values are `{{path}}` placeholders, so the script fills them at run time from the fixture
 * world file it is given (GXV_WORLD). Same routes and mix as the engine's scenarios.
 */
export interface K6Request {
  id: string;
  service: string;
  method: string;
  /** Path template with `{{…}}` placeholders. */
  path: string;
  body: string | null;
  /** Fixture user key whose token is sent, or null. */
  as: string | null;
  expect: number[];
  mode: string;
}

function placeholderUser(key: string): FixtureUser {
  const p = (f: string) => `{{users.${key}.${f}}}`;
  return { profileId: p('profileId'), email: p('email'), password: p('password'), role: 'USER', tenantId: '{{tenantId}}', walletId: p('walletId'), accountId: p('accountId'), balance: p('balance') };
}

export function placeholderWorld(): FixtureWorld {
  const users = Object.fromEntries(['userA', 'userB', 'admin', 'superAdmin', 'partner', 'frozen'].map((k) => [k, placeholderUser(k)])) as FixtureWorld['users'];
  const missing = { countryCode: '{{missing.countryCode}}', profileId: '{{missing.profileId}}', orgId: '{{missing.orgId}}', loanId: '{{missing.loanId}}', proposalId: '{{missing.proposalId}}', paramId: '{{missing.paramId}}', walletId: '{{missing.walletId}}' };
  return {
    namespace: '{{namespace}}', tenantId: '{{tenantId}}', users, org: { orgId: '{{org.orgId}}', pendingTxId: '{{org.pendingTxId}}' },
    proposedOrgId: '{{proposedOrgId}}', loanId: '{{loanId}}', proposalId: '{{proposalId}}', paramId: '{{paramId}}',
    countryCode: '{{countryCode}}', kycId: '{{kycId}}', spareCountryCode: '{{spareCountryCode}}', missing,
  };
}

/** Placeholders are kept literally through URL encoding of path parameters. */
function fill(template: string, params: Record<string, string> = {}): string {
  return template.replace(/:([A-Za-z]+)/g, (_, name: string) => params[name] ?? `:${name}`);
}

export function k6Requests(modeOf: (id: string) => string, expectOf: (id: string) => number[]): K6Request[] {
  const w = placeholderWorld();
  return CATALOG.map((e) => {
    const ex = e.example(w);
    const query = ex.query && Object.keys(ex.query).length ? `?${Object.entries(ex.query).map(([k, v]) => `${k}=${v}`).join('&')}` : '';
    const mode = modeOf(e.id);
    return {
      id: e.id, service: e.service, method: e.method, path: fill(e.path, ex.params) + query,
      body: ex.body === undefined || e.request.body === null ? null : JSON.stringify(ex.body),
      as: mode === 'guarded' ? 'userA' : ex.as, expect: expectOf(e.id), mode,
    };
  });
}
