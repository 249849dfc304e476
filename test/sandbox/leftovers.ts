import { existsSync } from 'node:fs';
import { isListening } from '../../sandbox/infra/ports';

export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** What a stopped sandbox must not leave behind: its processes, listening ports and temp dir. */
export async function leftovers(parts: { pids: Array<number | null>; ports: number[]; dirs: string[] }): Promise<string[]> {
  const found: string[] = [];
  for (const pid of parts.pids) if (pid !== null && processAlive(pid)) found.push(`process ${pid}`);
  for (const port of parts.ports) if (await isListening(port)) found.push(`port ${port}`);
  for (const dir of parts.dirs) if (existsSync(dir)) found.push(`dir ${dir}`);
  return found;
}
