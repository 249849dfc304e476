import { execFile } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/**
 * What OPS-5 compares: the commit the sandbox deployment reports (control route GET
 * /deployment/version) and the head of `main` in a local bare repository standing for the remote.
 * Fault deployment-behind-remote moves the remote one commit ahead of what is deployed.
 */
export interface SandboxRelease {
  repository: string;
  branch: string;
  deployed: string;
  /** Moves the remote branch ahead of the deployed commit (true) or back onto it (false). */
  setRemoteAhead(ahead: boolean): Promise<void>;
}

const GIT_ENV = {
  GIT_AUTHOR_NAME: 'gx-verify sandbox', GIT_AUTHOR_EMAIL: 'sandbox@gx-verify.invalid',
  GIT_COMMITTER_NAME: 'gx-verify sandbox', GIT_COMMITTER_EMAIL: 'sandbox@gx-verify.invalid',
  GIT_CONFIG_NOSYSTEM: '1', HOME: '/nonexistent',
};

export async function createSandboxRelease(dir: string): Promise<SandboxRelease> {
  mkdirSync(dir, { recursive: true });
  const repository = path.join(dir, 'remote.git');
  const git = async (args: string[], input?: string) => {
    const child = run('git', ['--git-dir', repository, ...args], { env: { ...process.env, ...GIT_ENV }, timeout: 15_000 });
    if (input !== undefined) child.child.stdin?.end(input);
    return (await child).stdout.trim();
  };
  await run('git', ['init', '--quiet', '--bare', repository], { env: { ...process.env, ...GIT_ENV }, timeout: 15_000 });
  const tree = await git(['mktree'], '');
  const deployed = await git(['commit-tree', tree, '-m', 'GX sandbox deployment']);
  const ahead = await git(['commit-tree', tree, '-p', deployed, '-m', 'A change merged after the deployment']);
  await git(['update-ref', 'refs/heads/main', deployed]);
  await git(['symbolic-ref', 'HEAD', 'refs/heads/main']);
  return {
    repository, branch: 'main', deployed,
    setRemoteAhead: async (on) => { await git(['update-ref', 'refs/heads/main', on ? ahead : deployed]); },
  };
}
