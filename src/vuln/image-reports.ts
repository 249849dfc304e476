import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { normaliseSeverity, type Advisory } from './types';

/**
 * Findings of an image (or filesystem) scanner the user's pipeline ran: Trivy JSON (SchemaVersion
 * 2) and Grype JSON. They already carry severities, so nothing is asked of any service.
 */

const trivy = z.object({
  SchemaVersion: z.literal(2),
  ArtifactName: z.string().optional(),
  Results: z.array(z.object({
    Target: z.string().optional(),
    Type: z.string().optional(),
    Vulnerabilities: z.array(z.object({
      VulnerabilityID: z.string(), PkgName: z.string(), InstalledVersion: z.string(), Severity: z.string(),
      Title: z.string().optional(), PrimaryURL: z.string().optional(),
    }).loose()).optional(),
  }).loose()).default([]),
}).loose();

const grype = z.object({
  matches: z.array(z.object({
    vulnerability: z.object({ id: z.string(), severity: z.string().optional(), description: z.string().optional(), dataSource: z.string().optional() }).loose(),
    relatedVulnerabilities: z.array(z.object({ id: z.string() }).loose()).optional(),
    artifact: z.object({ name: z.string(), version: z.string(), type: z.string().optional() }).loose(),
  }).loose()),
  descriptor: z.object({ name: z.string() }).loose().optional(),
}).loose();

export function readImageReport(file: string): Advisory[] {
  const doc: unknown = JSON.parse(readFileSync(file, 'utf8'));
  const t = trivy.safeParse(doc);
  if (t.success) {
    return t.data.Results.flatMap((r) => (r.Vulnerabilities ?? []).map((v): Advisory => ({
      id: v.VulnerabilityID, aliases: [], title: v.Title ?? v.VulnerabilityID, severity: normaliseSeverity(v.Severity), url: v.PrimaryURL ?? null,
      ecosystem: r.Type ?? 'unknown', packageName: v.PkgName, version: v.InstalledVersion, origin: 'trivy', source: `${file} (${r.Target ?? t.data.ArtifactName ?? 'image'})`,
    })));
  }
  const g = grype.safeParse(doc);
  if (g.success) {
    return g.data.matches.map((m): Advisory => ({
      id: m.vulnerability.id, aliases: (m.relatedVulnerabilities ?? []).map((r) => r.id), title: m.vulnerability.description?.split('\n')[0].slice(0, 160) ?? m.vulnerability.id,
      severity: normaliseSeverity(m.vulnerability.severity), url: m.vulnerability.dataSource ?? null,
      ecosystem: m.artifact.type ?? 'unknown', packageName: m.artifact.name, version: m.artifact.version, origin: 'grype', source: file,
    }));
  }
  if (Array.isArray(doc)) throw new Error(`${file}: a Trivy report from before SchemaVersion 2 (a bare array); re-run Trivy with a current version`);
  throw new Error(`${file}: neither a Trivy (SchemaVersion 2) nor a Grype JSON report`);
}
