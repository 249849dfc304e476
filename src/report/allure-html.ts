import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Render allure-results into an Allure HTML report with allure-commandline (needs java). */
export async function generateAllureHtml(resultsDir: string, outDir: string): Promise<void> {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
  const bin = path.join(root, 'node_modules', '.bin', 'allure');
  if (!existsSync(bin)) throw new Error('allure-commandline is not installed: run `npm ci` (it is a dependency of gx-verify).');
  await new Promise<void>((resolve, reject) => {
    const child = spawn(bin, ['generate', resultsDir, '-o', outDir, '--clean'], {
      env: { ...process.env, ALLURE_NO_ANALYTICS: 'true' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d) => { output += String(d); });
    child.stderr.on('data', (d) => { output += String(d); });
    child.on('error', (e) => reject(new Error(`Could not start allure: ${e.message}`)));
    child.on('close', (code) => {
      if (code === 0) resolve();
      else reject(new Error(`allure generate exited with ${code}${/java/i.test(output) ? ' (allure needs a Java runtime: apt-get install default-jre-headless)' : ''}: ${output.trim().slice(-600)}`));
    });
  });
}
