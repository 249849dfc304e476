/**
 * The command StrykerJS's command runner runs for the dry run and for each mutant: it asks the
 * part's judge (judge.ts, started here on first use from Stryker's sandbox directory, so it runs
 * the instrumented code) for a verdict, prints it, and exits 1 when the mutant is killed (or the
 * dry run red), 0 when it survived. The active mutant comes from __STRYKER_ACTIVE_MUTANT__.
 *   npx tsx scripts/mutation/judge-client.ts <part> <socket>
 */
import { spawn } from 'node:child_process';
import { openSync } from 'node:fs';
import net from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import type { JudgeRequest, Verdict } from './judge-protocol';

const [part, socketPath] = process.argv.slice(2);
/** Booting the judge's sandbox on a loaded runner. */
const START_LIMIT_MS = 5 * 60_000;

export function ask(socket: string, request: JudgeRequest): Promise<Verdict> {
  return new Promise((resolve, reject) => {
    const connection = net.connect(socket);
    let answer = '';
    connection.on('connect', () => connection.write(`${JSON.stringify(request)}\n`));
    connection.on('data', (chunk) => { answer += chunk.toString(); });
    connection.on('end', () => {
      try { resolve(JSON.parse(answer) as Verdict); } catch { reject(new Error(`the judge answered ${JSON.stringify(answer.slice(0, 200))}`)); }
    });
    connection.on('error', reject);
  });
}

const listening = (socket: string) => new Promise<boolean>((resolve) => {
  const probe = net.connect(socket);
  probe.on('connect', () => { probe.destroy(); resolve(true); });
  probe.on('error', () => resolve(false));
});

async function ensureJudge(): Promise<void> {
  if (await listening(socketPath)) return;
  const log = openSync(`${socketPath}.log`, 'a');
  spawn('npx', ['tsx', 'scripts/mutation/judge.ts', part, socketPath], { detached: true, stdio: ['ignore', log, log] }).unref();
  const deadline = Date.now() + START_LIMIT_MS;
  while (Date.now() < deadline) {
    if (await listening(socketPath)) return;
    await sleep(500);
  }
  throw new Error(`the judge did not start in ${START_LIMIT_MS / 1000} s (see ${socketPath}.log)`);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const mutant = process.env.__STRYKER_ACTIVE_MUTANT__ ?? null;
  try {
    await ensureJudge();
    const { verdict, detail } = await ask(socketPath, { mutant });
    process.stdout.write(`${part} ${mutant ?? 'dry run'}: ${verdict} — ${detail}\n`);
    process.exit(verdict === 'green' || verdict === 'survived' ? 0 : 1);
  } catch (error) {
    process.stdout.write(`${part} ${mutant ?? 'dry run'}: the judge failed — ${(error as Error).message}\n`);
    process.exit(1);
  }
}
