import { accessSync, constants, mkdirSync, statfsSync } from 'node:fs';
import os from 'node:os';

const MIN_FREE_BYTES = 512 * 1024 * 1024;

/**
 * Where throwaway data goes: $GX_VERIFY_TMPDIR, else /dev/shm when it is a writable memory
 * filesystem with room to spare (initdb there is 2-3x faster than on disk on a busy machine),
 * else the OS temp dir. Container /dev/shm is often 64 MB, which the free-space test rules out.
 */
export function tempRoot(): string {
  if (process.env.GX_VERIFY_TMPDIR) {
    mkdirSync(process.env.GX_VERIFY_TMPDIR, { recursive: true });
    return process.env.GX_VERIFY_TMPDIR;
  }
  try {
    accessSync('/dev/shm', constants.W_OK | constants.X_OK);
    const fs = statfsSync('/dev/shm');
    if (fs.bavail * fs.bsize >= MIN_FREE_BYTES) return '/dev/shm';
  } catch {
    // no /dev/shm (macOS) or not usable
  }
  return os.tmpdir();
}
