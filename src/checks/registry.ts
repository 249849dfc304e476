import { existsSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { tsImport } from 'tsx/esm/api';
import type { CheckDef } from './define';
import { LAYERS, type Layer } from '../evidence/types';
import { isCriterionId } from '../criteria/registry';
import { isContractRuleId } from '../rules/index';

/**
 * The one list of checks: every layer's `suites/<layer>/index.ts` exports `checks: CheckDef[]`;
 * this module joins them and throws on a duplicate id. `gx-verify checks`, `criteria`, `run`
 * and the reports all read it.
 */
export function joinChecks(lists: ReadonlyArray<readonly CheckDef[]>): CheckDef[] {
  const seen = new Map<string, CheckDef>();
  for (const list of lists) {
    for (const check of list) {
      const other = seen.get(check.id);
      if (other) throw new Error(`Duplicate check id "${check.id}" (layers ${other.layer} and ${check.layer}).`);
      const unknown = check.criteria.filter((id) => !isCriterionId(id));
      if (unknown.length > 0) throw new Error(`Check ${check.id} names unknown criteria: ${unknown.join(', ')}.`);
      const unknownRules = (check.rules ?? []).filter((id) => !isContractRuleId(id));
      if (unknownRules.length > 0) {
        throw new Error(`Check ${check.id} names unknown contract rules: ${unknownRules.join(', ')} (ids of src/rules: \`gx-verify rules\`).`);
      }
      seen.set(check.id, check);
    }
  }
  return [...seen.values()];
}

export interface LoadedChecks {
  checks: CheckDef[];
  /** Layers whose suite module does not exist yet. */
  missingLayers: Layer[];
}

// Specifiers built at run time: a layer that is not written yet is reported, not a crash.
const suiteModule = (layer: Layer) => new URL(`../../suites/${layer}/index.ts`, import.meta.url);

/**
 * A user's module, wherever it lives: TypeScript is loaded as an ES module through tsx whatever
 * the folder's package.json says (a `.ts` file outside an ESM package would otherwise be taken
 * for CommonJS and fail on the first ES import of gx-verify).
 */
function importUserModule(file: string): Promise<unknown> {
  const url = pathToFileURL(file).href;
  return /\.[cm]?tsx?$/.test(file) ? tsImport(url, import.meta.url) : import(url);
}

/**
 * Check modules that replace the layer suites: GXV_CHECK_MODULES=path[,path] (each exporting
 * `checks`). For the project's own CLI tests and for custom check packs run through the same
 * runner and reports.
 */
async function loadCheckModules(spec: string, layers: readonly Layer[]): Promise<LoadedChecks> {
  const lists: CheckDef[][] = [];
  for (const file of spec.split(',').map((s) => s.trim()).filter(Boolean)) {
    const mod = (await importUserModule(path.resolve(file))) as { checks?: unknown };
    if (!Array.isArray(mod.checks)) throw new Error(`${file} (GXV_CHECK_MODULES) does not export a \`checks\` array.`);
    lists.push((mod.checks as CheckDef[]).filter((c) => layers.includes(c.layer)));
  }
  return { checks: joinChecks(lists), missingLayers: [] };
}

/** Load the checks of the given layers (default: all). A layer module that fails to load for another reason throws. */
export async function loadChecks(layers: readonly Layer[] = LAYERS): Promise<LoadedChecks> {
  const custom = process.env.GXV_CHECK_MODULES;
  if (custom) return loadCheckModules(custom, layers);
  const lists: CheckDef[][] = [];
  const missingLayers: Layer[] = [];
  for (const layer of layers) {
    const url = suiteModule(layer);
    if (!existsSync(url)) {
      missingLayers.push(layer);
      continue;
    }
    const mod = (await import(url.href)) as { checks?: unknown };
    if (!Array.isArray(mod.checks)) throw new Error(`suites/${layer}/index.ts does not export a \`checks\` array.`);
    const wrong = (mod.checks as CheckDef[]).find((c) => c.layer !== layer);
    if (wrong) throw new Error(`Check ${wrong.id} is listed in suites/${layer} but declares layer "${wrong.layer}".`);
    lists.push(mod.checks as CheckDef[]);
  }
  return { checks: joinChecks(lists), missingLayers };
}
