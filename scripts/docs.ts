/**
 * Rewrites the README's generated tables and docs/*.md from the code's own listings
 * (src/docs/tables.ts). `--check` only says whether they are current (exit 1 when stale).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { generateDocs, withReadmeBlock } from '../src/docs/tables';

const root = path.resolve(import.meta.dirname, '..');
const check = process.argv.includes('--check');
const { readmeBlock, pages } = await generateDocs();
const stale: string[] = [];
const put = (file: string, content: string) => {
  const full = path.join(root, file);
  let current = '';
  try { current = readFileSync(full, 'utf8'); } catch { /* new file */ }
  if (current === content) return;
  stale.push(file);
  if (!check) {
    mkdirSync(path.dirname(full), { recursive: true });
    writeFileSync(full, content);
  }
};
put('README.md', withReadmeBlock(readFileSync(path.join(root, 'README.md'), 'utf8'), readmeBlock));
for (const [name, content] of Object.entries(pages)) put(path.join('docs', name), content);
if (check) {
  process.stdout.write(stale.length === 0 ? 'docs are current\n' : `stale: ${stale.join(', ')} (run npx tsx scripts/docs.ts)\n`);
  process.exit(stale.length === 0 ? 0 : 1);
}
process.stdout.write(stale.length === 0 ? 'docs were current\n' : `rewrote ${stale.join(', ')}\n`);
