import { describe, expect, it } from 'vitest';
import { cli } from '../cli/helpers';

/** `--variant` is a sandbox option: refused with a clear error (exit 2) where it cannot apply. */
describe('--variant on the command line', () => {
  it('sandbox up names the variants it knows', async () => {
    const r = await cli(['sandbox', 'up', '--variant', 'nosql'], { GX_VERIFY_STATE_DIR: '/tmp/gxv-variant-cli-state' });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--variant must be one of contract, orm, not "nosql"');
  });

  it('run refuses it with a profile (it picks a sandbox deployment)', async () => {
    const r = await cli(['run', '--profile', 'fixtures/profiles/local-services.example.yaml', '--variant', 'orm']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--variant is for the sandbox only');
  });
});
