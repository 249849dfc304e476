import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateDocs, withReadmeBlock } from '../../src/docs/tables';

/** The README's tables and docs/*.md are what the code's --json listings say (run `npx tsx scripts/docs.ts` after a change). */
const root = path.resolve(import.meta.dirname, '../..');

describe('generated docs', () => {
  it('README tables and docs/ pages match the checks, criteria, rules and faults of this commit', async () => {
    const { readmeBlock, pages } = await generateDocs();
    const readme = readFileSync(path.join(root, 'README.md'), 'utf8');
    expect(readme, 'README.md is stale: run npx tsx scripts/docs.ts').toBe(withReadmeBlock(readme, readmeBlock));
    for (const [name, content] of Object.entries(pages)) {
      expect(readFileSync(path.join(root, 'docs', name), 'utf8'), `docs/${name} is stale: run npx tsx scripts/docs.ts`).toBe(content);
    }
  });
});
