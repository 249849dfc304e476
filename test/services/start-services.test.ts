import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SERVICE_APPS, startServices } from '../../sandbox/services';
import { startHarness, type Harness } from './harness';

let h: Harness;

beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.stop();
});

describe('startServices', () => {
  it('serves each registered service on its own loopback port and stops cleanly', async () => {
    const started = await startServices(h.deps, { identity: 0, tokenomics: 0, organization: 0, loanpool: 0, governance: 0, admin: 0, tax: 0 });
    const keys = Object.keys(SERVICE_APPS);
    expect(keys).toEqual(expect.arrayContaining(['identity', 'tokenomics', 'tax']));
    const urls = keys.map((k) => started.urls[k as keyof typeof started.urls]);
    expect(new Set(urls).size).toBe(keys.length);
    for (const key of keys) {
      const url = started.urls[key as keyof typeof started.urls];
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const res = await fetch(`${url}/health`);
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({ status: 'ok', service: `svc-${key}` });
    }
    await started.stop();
    await expect(fetch(`${started.urls.tax}/health`)).rejects.toThrow();
  });
});
