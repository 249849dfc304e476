import { fileURLToPath } from 'node:url';
import type { ServiceKey } from '../../../src/catalog/services';

/** The repository root: the launcher's working directory (where `--import tsx` resolves). */
export const LAUNCHER_CWD = fileURLToPath(new URL('../../../', import.meta.url)).replace(/\/+$/, '');
const MAIN = fileURLToPath(new URL('./main.ts', import.meta.url));

/** The argv that starts one sandbox service as its own process (main.ts). */
export function launcherCommand(service: ServiceKey): string[] {
  return [process.execPath, '--import', 'tsx', MAIN, service];
}
