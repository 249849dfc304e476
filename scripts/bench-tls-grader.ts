/**
 * Runs the local TLS grader and testssl.sh (Debian 3.0.8) side by side on sandbox edges (clean,
 * edge-tls10, edge-weak-cipher, edge-expired-cert), prints both durations and their ratio, and compares offered
 * protocols, cipher suites, certificate findings and HSTS.
 *
 *   npx tsx scripts/bench-tls-grader.ts [--scenarios clean,edge-tls10,edge-weak-cipher,edge-expired-cert]
 *
 * Both tools only contact 127.0.0.1: testssl gets an IP URI and `--nodns none` (no DNS, no CAA
 * lookups) and runs without `--phone-out` (no CRL/OCSP fetches).
 */
import { execFile } from 'node:child_process';
import { createServer } from 'node:http';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { SERVICE_KEYS, type ServiceKey } from '../src/catalog/services';
import { gradeTls } from '../src/tls/grade';
import type { TlsReport } from '../src/tls/types';
import { createEdgeCerts, EDGE_HOSTNAME } from '../sandbox/edge/certs';
import { RegionalEdge } from '../sandbox/edge/regional-edge';
import type { EdgeFaultName } from '../sandbox/faults/edge-faults';

const run = promisify(execFile);
type Scenario = 'clean' | EdgeFaultName;

interface TestsslFinding { id: string; severity: string; finding: string }
interface Comparable { protocols: Record<string, boolean | 'unknown'>; suites: Set<string>; cert: Record<string, string>; hsts: string }

const TESTSSL_PROTOCOLS: Record<string, string> = { SSLv2: 'SSLv2', SSLv3: 'SSLv3', TLS1: 'TLSv1', TLS1_1: 'TLSv1.1', TLS1_2: 'TLSv1.2', TLS1_3: 'TLSv1.3' };
const TESTSSL_CIPHER_PROTOCOL: Record<string, string> = { ssl3: 'SSLv3', tls1: 'TLSv1', tls1_1: 'TLSv1.1', tls1_2: 'TLSv1.2', tls1_3: 'TLSv1.3' };

async function runTestssl(port: number, caPath: string, workDir: string, name: string): Promise<{ ms: number; findings: TestsslFinding[] }> {
  const target = `https://127.0.0.1:${port}`;
  if (new URL(target).hostname !== '127.0.0.1') throw new Error('testssl may only target loopback');
  const jsonFile = join(workDir, `testssl-${name}.json`);
  const started = Date.now();
  await run('testssl', ['--quiet', '--color', '0', '--warnings', 'off', '--nodns', 'none', '--add-ca', caPath, '--jsonfile', jsonFile,
    '--protocols', '--cipher-per-proto', '--server-defaults', '--headers', target], { timeout: 600_000, maxBuffer: 32 * 1024 * 1024 })
    .catch((error: { code?: number }) => {
      // testssl exits non-zero for findings too; only a missing JSON file is a failure.
      if (typeof error.code !== 'number') throw error;
    });
  const ms = Date.now() - started;
  return { ms, findings: JSON.parse(await readFile(jsonFile, 'utf8')) as TestsslFinding[] };
}

function fromTestssl(findings: TestsslFinding[]): Comparable {
  const by = (id: string) => findings.find((f) => f.id === id)?.finding ?? '';
  const protocols: Comparable['protocols'] = {};
  for (const [id, name] of Object.entries(TESTSSL_PROTOCOLS)) {
    const finding = by(id);
    protocols[name] = /^offered/.test(finding) ? true : /not offered/.test(finding) ? false : 'unknown';
  }
  const suites = new Set<string>();
  for (const f of findings) {
    const match = /^cipher-(\w+?)_x[0-9a-f]+$/.exec(f.id);
    if (!match) continue;
    const iana = f.finding.trim().split(/\s+/).at(-1) ?? '';
    suites.add(`${TESTSSL_CIPHER_PROTOCOL[match[1]] ?? match[1]} ${iana}`);
  }
  const hstsTime = by('HSTS_time');
  const hstsSeconds = /\(=(\d+) seconds\)/.exec(hstsTime)?.[1];
  return {
    protocols,
    suites,
    cert: {
      signature: by('cert_signatureAlgorithm').replace(/^ECDSA with SHA256$/, 'ecdsa-with-SHA256').replace(/^SHA256 with RSA$/, 'sha256WithRSAEncryption'),
      key: by('cert_keySize').replace(/ bits$/, '').replace(/^(RSA|EC) (\d+).*$/, '$1 $2'),
      sans: by('cert_subjectAltName'),
      chainTrusted: String(/^passed/.test(by('cert_chain_of_trust'))),
      expired: String(/expired/i.test(by('cert_expirationStatus'))),
      certsSent: by('certs_countServer'),
    },
    hsts: hstsSeconds ?? (by('HSTS') || 'not offered'),
  };
}

function fromGrader(report: TlsReport): Comparable {
  const protocols: Comparable['protocols'] = {};
  for (const [name, state] of Object.entries(report.protocols)) protocols[name] = state === 'offered' ? true : state === 'not-offered' ? false : 'unknown';
  const leaf = report.chain.certificates[0];
  return {
    protocols,
    suites: new Set(report.suites.map((s) => `${s.protocol} ${s.iana}`)),
    cert: {
      signature: leaf?.signatureAlgorithm ?? '',
      key: `${leaf?.keyType} ${leaf?.keyBits}`,
      sans: (leaf?.sans ?? []).map((s) => s.replace(/^DNS:/, '')).join(' '),
      chainTrusted: String(report.chain.trusted),
      expired: String(report.chain.expired),
      certsSent: String(report.chain.certificates.length),
    },
    hsts: report.hsts.present ? String(report.hsts.maxAge ?? 'malformed') : 'not offered',
  };
}

function compare(grader: Comparable, testssl: Comparable): string[] {
  const lines: string[] = [];
  const mark = (same: boolean) => (same ? 'agree   ' : 'DIFFER  ');
  for (const name of Object.keys(TESTSSL_PROTOCOLS).map((id) => TESTSSL_PROTOCOLS[id])) {
    const a = grader.protocols[name];
    const b = testssl.protocols[name];
    lines.push(`${mark(a === b)}protocol ${name.padEnd(8)} grader=${a} testssl=${b}`);
  }
  const onlyGrader = [...grader.suites].filter((s) => !testssl.suites.has(s));
  const onlyTestssl = [...testssl.suites].filter((s) => !grader.suites.has(s));
  lines.push(`${mark(!onlyGrader.length && !onlyTestssl.length)}suites   ${grader.suites.size} vs ${testssl.suites.size}` +
    (onlyGrader.length ? ` | only grader: ${onlyGrader.join(', ')}` : '') + (onlyTestssl.length ? ` | only testssl: ${onlyTestssl.join(', ')}` : ''));
  for (const key of Object.keys(grader.cert)) {
    lines.push(`${mark(grader.cert[key] === testssl.cert[key])}cert.${key.padEnd(12)} grader=${grader.cert[key]} testssl=${testssl.cert[key]}`);
  }
  lines.push(`${mark(grader.hsts === testssl.hsts)}hsts     grader=${grader.hsts} testssl=${testssl.hsts}`);
  return lines;
}

async function main() {
  const arg = process.argv.indexOf('--scenarios');
  const scenarios = (arg > 0 ? process.argv[arg + 1].split(',') : ['clean', 'edge-tls10', 'edge-weak-cipher', 'edge-expired-cert']) as Scenario[];
  const workDir = await mkdtemp(join(tmpdir(), 'gx-bench-tls-'));
  const backend = createServer((_, res) => { res.setHeader('content-type', 'application/json; charset=utf-8'); res.end('{"status":"ok"}'); });
  await new Promise<void>((resolve) => backend.listen(0, '127.0.0.1', () => resolve()));
  const address = backend.address();
  const upstream = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  const upstreams = Object.fromEntries(SERVICE_KEYS.map((key) => [key, upstream])) as Record<ServiceKey, string>;
  const certs = await createEdgeCerts(join(workDir, 'pki'));
  const edge = await new RegionalEdge({ region: 'asia', upstreams, certs }).start();
  const summary: string[] = [];
  try {
    for (const scenario of scenarios) {
      await edge.faults.set(scenario === 'clean' ? [] : [scenario]);
      // Both tools probe nginx directly (no emulated RTT), so the timing compares the tools only.
      const started = Date.now();
      const report = await gradeTls({ host: '127.0.0.1', port: edge.ports.https, servername: EDGE_HOSTNAME, caPem: certs.caPem });
      const graderMs = Date.now() - started;
      const testssl = await runTestssl(edge.ports.https, certs.caPath, workDir, scenario);
      const lines = compare(fromGrader(report), fromTestssl(testssl.findings));
      const ratio = testssl.ms / Math.max(1, graderMs);
      console.log(`\n=== ${scenario}: grader ${graderMs} ms (grade ${report.rating.grade}, score ${report.rating.score}) | testssl ${testssl.ms} ms | testssl/grader = ${ratio.toFixed(1)}x`);
      for (const cap of report.rating.caps) console.log(`    cap ${cap.grade}: ${cap.reason}`);
      for (const warning of report.rating.warnings) console.log(`    warning: ${warning}`);
      for (const line of lines) console.log(`  ${line}`);
      const differences = lines.filter((l) => l.startsWith('DIFFER')).length;
      summary.push(`${scenario.padEnd(18)} grade ${report.rating.grade.padEnd(2)} grader ${String(graderMs).padStart(5)} ms  testssl ${String(testssl.ms).padStart(6)} ms  ratio ${ratio.toFixed(1).padStart(6)}x  differences ${differences}`);
    }
  } finally {
    await edge.stop();
    backend.close();
    await rm(workDir, { recursive: true, force: true });
  }
  console.log('\n=== summary');
  for (const line of summary) console.log(line);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
