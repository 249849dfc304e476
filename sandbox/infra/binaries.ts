import { execFileSync } from 'node:child_process';
import { accessSync, constants, readFileSync } from 'node:fs';
import path from 'node:path';

/** One sentence that tells the user how to get the machine binaries the sandbox runs. */
export const INSTALL_HINT = 'apt-get install postgresql-15 redis-server';

/** Raised when the sandbox cannot find a binary it needs; the CLI prints the message as is. */
export class MissingInfraError extends Error {
  constructor(what: string, looked: string[]) {
    super(
      `${what} not found (looked in: ${looked.join(', ')}). Install it with: ${INSTALL_HINT} ` +
        '(or use --infra containers when a Docker engine is reachable).',
    );
    this.name = 'MissingInfraError';
  }
}

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Where to look for PostgreSQL 15: $GX_PG_BINDIR, then `pg_config --bindir`, then the Debian path. */
export function postgresCandidates(): string[] {
  const candidates: string[] = [];
  if (process.env.GX_PG_BINDIR) candidates.push(process.env.GX_PG_BINDIR);
  try {
    candidates.push(execFileSync('pg_config', ['--bindir'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim());
  } catch {
    // pg_config absent: fall through to the well-known Debian location
  }
  candidates.push('/usr/lib/postgresql/15/bin');
  return [...new Set(candidates)];
}

/** The first candidate directory holding PostgreSQL 15's initdb and postgres. */
export function postgresBinDir(candidates = postgresCandidates()): string {
  for (const dir of candidates) {
    if (isExecutable(path.join(dir, 'initdb')) && isExecutable(path.join(dir, 'postgres')) && majorVersion(dir) === 15) {
      return dir;
    }
  }
  throw new MissingInfraError('PostgreSQL 15 (initdb, postgres)', candidates);
}

function majorVersion(binDir: string): number | null {
  try {
    const out = execFileSync(path.join(binDir, 'postgres'), ['--version'], { encoding: 'utf8' });
    const match = /\(PostgreSQL\)\s+(\d+)/.exec(out);
    return match ? Number(match[1]) : null;
  } catch {
    return null;
  }
}

/** Finds an executable on PATH (plus the sbin folders, which root's PATH may lack). */
export function findOnPath(name: string): string | null {
  const dirs = (process.env.PATH ?? '').split(path.delimiter).concat(['/usr/sbin', '/usr/local/sbin', '/usr/bin']);
  for (const dir of dirs) {
    if (dir && isExecutable(path.join(dir, name))) return path.join(dir, name);
  }
  return null;
}

export function redisServerBinary(): string {
  const configured = process.env.GX_REDIS_SERVER;
  const found = configured ? (isExecutable(configured) ? configured : null) : findOnPath('redis-server');
  if (!found) throw new MissingInfraError('redis-server', configured ? [configured] : ['$PATH', '/usr/sbin', '/usr/bin']);
  return found;
}

/**
 * The account PostgreSQL runs as. It refuses to run as root, so as root we use the `postgres`
 * system account (Debian's postgresql package creates it), else `nobody`. Otherwise: ourselves.
 */
export function postgresAccount(): { uid: number; gid: number; name: string } | null {
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) return null;
  const passwd = readFileSync('/etc/passwd', 'utf8').split('\n');
  for (const wanted of ['postgres', 'nobody']) {
    const line = passwd.find((l) => l.startsWith(`${wanted}:`));
    if (!line) continue;
    const [, , uid, gid] = line.split(':');
    return { uid: Number(uid), gid: Number(gid), name: wanted };
  }
  throw new Error('Running as root, but neither a "postgres" nor a "nobody" account exists to run PostgreSQL as.');
}
