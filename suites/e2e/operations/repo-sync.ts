import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { defineCheck, pass, skip, type CheckContext } from '../../../src/checks/define';
import { send } from '../../../src/clients/http';
import type { EvidenceItem } from '../../../src/evidence/types';
import type { ReleaseTarget } from '../../../src/profile/target';

const run = promisify(execFile);

/** The commit the deployment says it runs: a field of its version document, or an image tag. */
async function deployedCommit(ctx: CheckContext, release: ReleaseTarget, evidence: EvidenceItem[]): Promise<string | null> {
  if (release.versionUrl) {
    const url = new URL(release.versionUrl);
    const res = await send({ method: 'GET', baseUrl: url.origin, path: url.pathname + url.search, ca: ctx.target.monitoring?.ca ?? ctx.region.ca, timeoutMs: ctx.limits.requestMs, note: 'deployment version' });
    evidence.push(res.evidence);
    let value: unknown = res.body;
    for (const part of release.versionField.split('.')) value = (value as Record<string, unknown> | undefined)?.[part];
    if (res.status !== 200 || typeof value !== 'string') {
      ctx.findings.add({ rule: null, component: 'deployment', text: `${release.versionUrl} answered ${res.status} without a string "${release.versionField}"`, evidence: [res.evidence] });
      return null;
    }
    return value.trim();
  }
  const tag = release.imageTag!.split('/').pop()!.split(':')[1];
  evidence.push({ note: 'image reference', response: release.imageTag! });
  return tag ?? null;
}

/** `git ls-remote`: the remote branch head, asked of the remote itself (no clone). */
async function remoteHead(release: ReleaseTarget, timeoutMs: number, evidence: EvidenceItem[]): Promise<string | null> {
  const ref = `refs/heads/${release.branch}`;
  const { stdout } = await run('git', ['ls-remote', release.repository, ref], { timeout: timeoutMs, env: { ...process.env, GIT_TERMINAL_PROMPT: '0' } });
  evidence.push({ note: 'remote head', reproduce: `git ls-remote ${release.repository} ${ref}`, response: stdout.trim() || '(no such branch)' });
  const line = stdout.split('\n').find((l) => l.endsWith(`\t${ref}`));
  return line ? line.split('\t')[0] : null;
}

/**
 * OPS-REPO-SYNC (OPS-5): the commit the deployment reports (its version document, or the image
 * tag the profile names) is the head of the release branch on the remote, as `git ls-remote`
 * tells it. A short commit id matches as a prefix (at least 7 hex digits).
 */
export const repoSyncCheck = defineCheck({
  id: 'OPS-REPO-SYNC',
  layer: 'e2e',
  title: 'The deployed commit is the remote release branch head',
  criteria: ['OPS-5'],
  async run(ctx) {
    const release = ctx.target.release;
    if (!release) return skip('Needs the release to compare: the profile has no `release` section (repository, branch, versionUrl or imageTag).');
    if (!release.versionUrl && !release.imageTag) return skip('Needs what the deployment runs: the profile\'s `release` gives neither `versionUrl` nor `imageTag`.');
    const evidence: EvidenceItem[] = [];
    const [deployed, head] = await Promise.all([deployedCommit(ctx, release, evidence), remoteHead(release, ctx.limits.requestMs * 3, evidence)]);
    if (deployed === null) return pass({ evidence });
    if (head === null) {
      ctx.findings.add({ rule: null, component: 'deployment', text: `the remote ${release.repository} has no branch ${release.branch}`, evidence });
      return pass({ evidence });
    }
    ctx.observe.judged();
    if (!/^[0-9a-f]{7,64}$/i.test(deployed)) {
      ctx.findings.add({ rule: null, component: 'deployment', text: `the deployment reports ${JSON.stringify(deployed)}, which is not a commit id`, evidence });
    } else if (!head.toLowerCase().startsWith(deployed.toLowerCase())) {
      ctx.findings.add({ rule: null, component: 'deployment', text: `the deployment runs ${deployed}, but ${release.branch} on the remote is at ${head}`, evidence });
    }
    return pass({ message: `deployment runs ${deployed}, the head of ${release.branch} on the remote`, evidence, measurements: { deployed, remoteHead: head } });
  },
});
