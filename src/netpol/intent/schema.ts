import { readFile } from 'node:fs/promises';
import { isIP } from 'node:net';
import { parseDocument } from 'yaml';
import { z } from 'zod';
import type { Protocol } from '../engine/endpoints';

/**
 * The intent file (fixtures/netpol/gx-intent.yaml): parameters, groups of pods, flows, the NP-10
 * migration rule, stand-in pods and external addresses. zod-validated; every problem is reported
 * with its field path.
 */

export interface PortRange {
  protocol: Protocol;
  from: number;
  to: number;
}

const PORT_RE = /^(TCP|UDP|SCTP) (\d{1,5})(?:-(\d{1,5}))?$/;

const portRange = z.string().transform((text, ctx): PortRange => {
  const m = PORT_RE.exec(text.trim());
  const from = Number(m?.[2]);
  const to = m?.[3] ? Number(m[3]) : from;
  if (!m || from < 1 || to > 65_535 || to < from) {
    ctx.addIssue({ code: 'custom', message: `expected "TCP 5432" or "TCP 3001-3007", got "${text}"` });
    return z.NEVER;
  }
  return { protocol: m[1] as Protocol, from, to };
});

const singlePort = portRange.refine((p) => p.from === p.to, 'a stand-in listens on single ports ("TCP 80")');
const names = z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]).transform((v) => (Array.isArray(v) ? v : [v]));
const labels = z.record(z.string(), z.string());

export const intentSchema = z.strictObject({
  parameters: z.record(z.string(), z.string().min(1)).default({}),
  scope: z.string().min(1),
  groups: z.record(z.string(), z.strictObject({ namespace: z.string().min(1), labels: labels.optional() })),
  flows: z.array(z.strictObject({
    id: z.string().regex(/^NP-\d+$/, 'a contract rule id such as NP-3'),
    from: names,
    to: names,
    ports: z.array(portRange).min(1),
  })).min(1),
  migrations: z.strictObject({ containerName: z.string().min(1), needs: z.array(z.string().regex(/^NP-\d+$/)).min(1) }).optional(),
  standIns: z.array(z.strictObject({
    name: z.string().min(1), namespace: z.string().min(1), labels: labels.default({}), ports: z.array(singlePort).default([]),
  })).default([]),
  externals: z.array(z.strictObject({
    name: z.string().min(1),
    address: z.string().refine((a) => isIP(a) !== 0, 'an IP address'),
    ports: z.array(singlePort).min(1),
  })).default([]),
}).superRefine((intent, ctx) => {
  intent.flows.forEach((f, i) => {
    for (const key of ['from', 'to'] as const) {
      for (const g of f[key]) {
        if (!Object.hasOwn(intent.groups, g)) ctx.addIssue({ code: 'custom', path: ['flows', i, key], message: `unknown group "${g}"` });
      }
    }
  });
  const ids = new Set(intent.flows.map((f) => f.id));
  intent.migrations?.needs.forEach((id, i) => {
    if (!ids.has(id)) ctx.addIssue({ code: 'custom', path: ['migrations', 'needs', i], message: `no flow has id ${id}` });
  });
});

export type IntentFile = z.output<typeof intentSchema>;

export function parseIntentText(text: string, file: string): IntentFile {
  const doc = parseDocument(text);
  if (doc.errors.length > 0) throw new Error(`${file}: YAML: ${doc.errors[0].message.split('\n')[0]}`);
  const res = intentSchema.safeParse(doc.toJS());
  if (!res.success) {
    const lines = res.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
    throw new Error(`${file} is not a valid intent file:\n${lines.map((l) => `- ${l}`).join('\n')}`);
  }
  return res.data;
}

export async function readIntentFile(file: string): Promise<IntentFile> {
  return parseIntentText(await readFile(file, 'utf8'), file);
}

/** The intent shipped with gx-verify (contract §13.2). */
export const GX_INTENT_FILE = new URL('../../../fixtures/netpol/gx-intent.yaml', import.meta.url).pathname;
