import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { CriterionResult } from '../criteria/types';
import type { CheckResult, EvidenceItem } from '../evidence/types';
import { escapeXml as x } from './escape';
import { blockedLine, findingCounts, findingLine, observedLine } from './findings-text';
import type { Report, Reporter } from './types';

/**
 * junit.xml: one testsuite per layer, one testcase per check (classname = layer,
 * name = "<id> <title>"), plus a `criteria` testsuite so CI shows which criteria block the GO.
 * A blocking criterion that is not evaluated is a failure there (it blocks); an advisory one is
 * skipped; waived counts as passed with the waiver in system-out.
 */
const secs = (ms: number) => (ms / 1000).toFixed(3);

function firstLine(s: string): string {
  return (s.split('\n')[0] ?? '').slice(0, 500);
}

function evidenceText(items: EvidenceItem[]): string {
  return items.map((e) => [e.note, e.request && `> ${e.request}`, e.response && `< ${e.response}`, e.reproduce && `$ ${e.reproduce}`]
    .filter(Boolean).join('\n')).join('\n---\n');
}

function props(pairs: Array<[string, string]>): string {
  if (pairs.length === 0) return '';
  return `<properties>${pairs.map(([n, v]) => `<property name="${x(n)}" value="${x(v)}"/>`).join('')}</properties>`;
}

function testcase(c: CheckResult): string {
  const pairs: Array<[string, string]> = c.criteria.map((id) => ['criterion', id]);
  if (c.region) pairs.push(['region', c.region]);
  if (c.endpoint) pairs.push(['endpoint', c.endpoint]);
  for (const [k, v] of Object.entries(c.measurements)) pairs.push([`measurement.${k}`, String(v)]);
  for (const rule of c.rules ?? []) pairs.push(['rule', rule]);
  const findings = c.findings ?? [];
  // Every finding goes into the failure text: CI shows it in full, nothing is summarized away.
  const findingText = findings.length > 0 ? `\n\n${findings.length} finding(s), ${findingCounts(c)}:\n${findings.map((f) => `- ${findingLine(f)}`).join('\n')}` : '';
  const observed = observedLine(c);
  const body = `${c.message}${observed ? `\n${observed}` : ''}${findingText}${c.evidence.length ? `\n\n${evidenceText(c.evidence)}` : ''}`;
  let outcome = '';
  if (c.status === 'fail') outcome = `<failure message="${x(firstLine(c.message))}" type="CheckFailure">${x(body)}</failure>`;
  else if (c.status === 'error') outcome = `<error message="${x(firstLine(c.message))}" type="CheckError">${x(body)}</error>`;
  else if (c.status === 'skipped') outcome = `<skipped message="${x(firstLine(c.message))}"/>`;
  // JUnit has no "blocked": a skip whose message names the root cause; the full text in system-out.
  else if (c.status === 'blocked') outcome = `<skipped message="${x(`${blockedLine(c)}: ${firstLine(c.message)}`)}"/>`;
  const attachments = (c.artifacts ?? []).map((a) => `[[ATTACHMENT|${a}]]`).join('\n');
  const systemOut = [c.status === 'blocked' ? body : '', attachments].filter(Boolean).join('\n\n');
  const out = systemOut ? `<system-out>${x(systemOut)}</system-out>` : '';
  return `<testcase classname="${x(c.layer)}" name="${x(`${c.id} ${c.title}`)}" time="${secs(c.durationMs)}">${props(pairs)}${outcome}${out}</testcase>`;
}

function criterionCase(c: CriterionResult): string {
  const name = `${c.id} ${c.statement}`;
  let outcome = '';
  if (c.status === 'fail') outcome = `<failure message="${x(firstLine(c.reason))}" type="CriterionFailed">${x(c.reason)}</failure>`;
  else if (c.status === 'not-evaluated' && c.blocking) outcome = `<failure message="${x(`not evaluated (blocking): ${firstLine(c.reason)}`)}" type="CriterionNotEvaluated">${x(c.reason)}</failure>`;
  else if (c.status === 'not-evaluated') outcome = `<skipped message="${x(`not evaluated: ${firstLine(c.reason)}`)}"/>`;
  else if (c.status === 'waived') outcome = `<system-out>${x(c.reason)}</system-out>`;
  else if (c.status === 'out-of-scope') outcome = `<skipped message="${x(`out of scope: ${firstLine(c.reason)}`)}"/>`;
  const pairs: Array<[string, string]> = [['group', c.group], ['blocking', String(c.blocking)], ['status', c.status], ...c.checks.map((id) => ['check', id] as [string, string])];
  return `<testcase classname="criteria" name="${x(name)}" time="0">${props(pairs)}${outcome}</testcase>`;
}

interface Suite { name: string; cases: string[]; tests: number; failures: number; errors: number; skipped: number; ms: number }

export function renderJunit(report: Report): string {
  const suites: Suite[] = [];
  for (const layer of [...new Set([...report.layers, ...report.checks.map((c) => c.layer)])]) {
    const checks = report.checks.filter((c) => c.layer === layer);
    suites.push({
      name: layer, cases: checks.map(testcase), tests: checks.length,
      failures: checks.filter((c) => c.status === 'fail').length, errors: checks.filter((c) => c.status === 'error').length,
      skipped: checks.filter((c) => c.status === 'skipped' || c.status === 'blocked').length, ms: checks.reduce((s, c) => s + c.durationMs, 0),
    });
  }
  const crit = report.criteria;
  suites.push({
    name: 'criteria', cases: crit.map(criterionCase), tests: crit.length,
    failures: crit.filter((c) => c.status === 'fail' || (c.status === 'not-evaluated' && c.blocking)).length, errors: 0,
    skipped: crit.filter((c) => (c.status === 'not-evaluated' && !c.blocking) || c.status === 'out-of-scope').length, ms: 0,
  });
  const sum = (k: 'tests' | 'failures' | 'errors' | 'skipped') => suites.reduce((s, v) => s + v[k], 0);
  const totalMs = Date.parse(report.finishedAt) - Date.parse(report.startedAt);
  const top = props([['verdict', report.verdict], ['complete', String(report.complete)], ['runId', report.runId], ['profile', report.target.profile]]);
  const body = suites.map((s) => `  <testsuite name="${x(s.name)}" tests="${s.tests}" failures="${s.failures}" errors="${s.errors}" skipped="${s.skipped}" time="${secs(s.ms)}" timestamp="${x(report.startedAt)}">${s.name === 'criteria' ? top : ''}\n    ${s.cases.join('\n    ')}\n  </testsuite>`).join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="${x(`gx-verify ${report.runId}: ${report.verdict}`)}" tests="${sum('tests')}" failures="${sum('failures')}" errors="${sum('errors')}" skipped="${sum('skipped')}" time="${secs(Math.max(0, totalMs))}" timestamp="${x(report.startedAt)}">\n${body}\n</testsuites>\n`;
}

export const junit: Reporter = async (report, runDir) => {
  const file = path.join(runDir, 'junit.xml');
  await writeFile(file, renderJunit(report));
  return [file];
};
