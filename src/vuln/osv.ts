import { z } from 'zod';
import { normaliseSeverity, type Advisory, type Component, type Fetcher } from './types';

/**
 * Advisories for packages of other ecosystems (PyPI, Maven, Debian…) from OSV, only when the
 * profile allows it (`vulnerabilityScan.advisories.osv: true`: package names leave the machine).
 * POST /v1/querybatch gives ids per package; GET /v1/vulns/{id} the details.
 */

export const OSV_API = 'https://api.osv.dev';
const BATCH = 500;

const batchAnswer = z.object({ results: z.array(z.object({ vulns: z.array(z.object({ id: z.string() }).loose()).optional() }).loose()) }).loose();
const record = z.object({
  id: z.string(),
  summary: z.string().optional(),
  aliases: z.array(z.string()).optional(),
  database_specific: z.object({ severity: z.string().optional() }).loose().optional(),
  references: z.array(z.object({ url: z.string() }).loose()).optional(),
}).loose();

export async function osvAdvisories(components: readonly Component[], fetcher: Fetcher, api = OSV_API): Promise<Advisory[]> {
  const out: Advisory[] = [];
  const details = new Map<string, z.infer<typeof record>>();
  for (let i = 0; i < components.length; i += BATCH) {
    const chunk = components.slice(i, i + BATCH);
    const res = await fetcher(`${api}/v1/querybatch`, {
      method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ queries: chunk.map((c) => ({ package: { name: c.name, ecosystem: c.ecosystem }, version: c.version })) }),
    });
    if (res.status !== 200) throw new Error(`OSV querybatch answered ${res.status}`);
    const answer = batchAnswer.parse(await res.json());
    for (const [j, result] of answer.results.entries()) {
      const c = chunk[j];
      for (const { id } of result.vulns ?? []) {
        if (!details.has(id)) {
          const d = await fetcher(`${api}/v1/vulns/${encodeURIComponent(id)}`, { method: 'GET', headers: { accept: 'application/json' } });
          if (d.status !== 200) throw new Error(`OSV /v1/vulns/${id} answered ${d.status}`);
          details.set(id, record.parse(await d.json()));
        }
        const v = details.get(id)!;
        out.push({
          id, aliases: v.aliases ?? [], title: v.summary ?? id, severity: normaliseSeverity(v.database_specific?.severity),
          url: v.references?.[0]?.url ?? `https://osv.dev/vulnerability/${id}`, ecosystem: c.ecosystem, packageName: c.name, version: c.version, origin: 'osv', source: c.source,
        });
      }
    }
  }
  return out;
}
