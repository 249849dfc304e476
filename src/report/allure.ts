import { createHash, randomUUID } from 'node:crypto';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { CheckResult, CheckStatus } from '../evidence/types';
import { findingCounts, findingLine } from './findings-text';
import type { Report, Reporter } from './types';

/**
 * allure-results/: one `<uuid>-result.json` per check (Allure 2 result format, the fields of
 * allure-js-commons' TestResult), an evidence attachment per check that has evidence,
 * environment.properties, executor.json and categories.json. Failures are "failed" (product
 * defects), errors "broken" (the check could not judge).
 */
export type AllureStatus = 'passed' | 'failed' | 'broken' | 'skipped';
// Allure has no "blocked": it is shown as skipped, its message naming the root cause.
const STATUS: Record<CheckStatus, AllureStatus> = { pass: 'passed', fail: 'failed', error: 'broken', skipped: 'skipped', blocked: 'skipped' };

export interface AllureResult {
  uuid: string;
  historyId: string;
  testCaseId: string;
  name: string;
  fullName: string;
  status: AllureStatus;
  statusDetails: { message?: string; trace?: string };
  stage: 'finished';
  start: number;
  stop: number;
  labels: Array<{ name: string; value: string }>;
  parameters: Array<{ name: string; value: string }>;
  links: never[];
  steps: never[];
  attachments: Array<{ name: string; source: string; type: string }>;
  description?: string;
}

const md5 = (s: string) => createHash('md5').update(s).digest('hex');

function evidenceText(c: CheckResult): string {
  const findings = c.findings ?? [];
  const head = findings.length > 0 ? [`${findings.length} finding(s), ${findingCounts(c)}:`, ...findings.map((f) => `- ${findingLine(f)}`)].join('\n') : '';
  const exchanges = c.evidence.map((e) => [e.note, e.request && `> ${e.request}`, e.response && `< ${e.response}`, e.reproduce && `$ ${e.reproduce}`]
    .filter(Boolean).join('\n')).join('\n\n---\n\n');
  return [head, exchanges].filter(Boolean).join('\n\n===\n\n');
}

export function allureResult(c: CheckResult, report: Report, uuid: string, attachment: string | null): AllureResult {
  const start = Date.parse(report.startedAt);
  const labels = [
    { name: 'parentSuite', value: 'gx-verify' },
    { name: 'suite', value: c.layer },
    ...(c.region ? [{ name: 'subSuite', value: c.region }, { name: 'tag', value: c.region }] : []),
    ...c.criteria.map((id) => ({ name: 'feature', value: id })),
    { name: 'framework', value: 'gx-verify' },
    { name: 'host', value: report.target.profile },
  ];
  const parameters = [
    ...(c.region ? [{ name: 'region', value: c.region }] : []),
    ...(c.endpoint ? [{ name: 'endpoint', value: c.endpoint }] : []),
    ...Object.entries(c.measurements).map(([k, v]) => ({ name: k, value: String(v) })),
  ];
  const [first, ...rest] = c.message.split('\n');
  return {
    uuid,
    historyId: md5(c.id),
    testCaseId: md5(c.id),
    name: `${c.id} ${c.title}`,
    fullName: `${c.layer}.${c.id}`,
    status: STATUS[c.status],
    statusDetails: c.message ? { message: first, ...(rest.length ? { trace: rest.join('\n') } : {}) } : {},
    stage: 'finished',
    start,
    stop: start + c.durationMs,
    labels,
    parameters,
    links: [],
    steps: [],
    attachments: attachment ? [{ name: 'evidence', source: attachment, type: 'text/plain' }] : [],
  };
}

function properties(report: Report): string {
  const pairs: Array<[string, string]> = [
    ['gx-verify.runId', report.runId], ['gx-verify.verdict', report.verdict], ['gx-verify.complete', String(report.complete)],
    ['target.profile', report.target.profile], ['target.regions', report.target.regions.join(',')],
    ['layers', report.layers.join(',')], ['node', process.version],
  ];
  return `${pairs.map(([k, v]) => `${k}=${v.replace(/\\/g, '\\\\').replace(/\n/g, '\\n')}`).join('\n')}\n`;
}

const CATEGORIES = [
  { name: 'Failed checks (the target broke a rule)', matchedStatuses: ['failed'] },
  { name: 'Blocked by a failed prerequisite', matchedStatuses: ['skipped'], messageRegex: '^Blocked by .*' },
  { name: 'Could not exercise the rule', matchedStatuses: ['broken'], messageRegex: '^could not exercise.*' },
  { name: 'Timeouts', matchedStatuses: ['broken'], messageRegex: '.*Timed out.*' },
  { name: 'Unreachable target', matchedStatuses: ['broken'], messageRegex: '.*(ECONNREFUSED|ENOTFOUND|ECONNRESET|EHOSTUNREACH).*' },
  { name: 'Checks that could not judge', matchedStatuses: ['broken'] },
];

export const allure: Reporter = async (report, runDir) => {
  const dir = path.join(runDir, 'allure-results');
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  const written: string[] = [];
  for (const c of report.checks) {
    const uuid = randomUUID();
    let attachment: string | null = null;
    const text = evidenceText(c);
    if (text) {
      attachment = `${randomUUID()}-attachment.txt`;
      await writeFile(path.join(dir, attachment), text);
      written.push(path.join(dir, attachment));
    }
    const file = path.join(dir, `${uuid}-result.json`);
    await writeFile(file, JSON.stringify(allureResult(c, report, uuid, attachment), null, 2));
    written.push(file);
  }
  const env = path.join(dir, 'environment.properties');
  await writeFile(env, properties(report));
  const executor = path.join(dir, 'executor.json');
  await writeFile(executor, JSON.stringify({
    name: 'gx-verify', type: 'gx-verify', buildName: report.runId, reportName: `gx-verify ${report.runId}: ${report.verdict}`,
    ...(process.env.GITHUB_RUN_ID ? { buildOrder: Number(process.env.GITHUB_RUN_NUMBER ?? 0) } : {}),
  }, null, 2));
  const categories = path.join(dir, 'categories.json');
  await writeFile(categories, JSON.stringify(CATEGORIES, null, 2));
  return [...written, env, executor, categories];
};
