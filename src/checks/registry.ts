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
 * One module of checks outside the layers (a user's own, anywhere on disk): it must export a
 * `checks` array of well-formed checks whose criteria and rule ids exist. Every problem names the
 * file, so a typo in someone's check pack reads as theirs, not as a crash of the suite.
 */
export async function loadCheckModule(file: string, layers: readonly Layer[] = LAYERS): Promise<CheckDef[]> {
  const absolute = path.resolve(file);
  if (!existsSync(absolute)) throw new Error(`Check module ${file} does not exist.`);
  let mod: { checks?: unknown };
  try {
    mod = (await importUserModule(absolute)) as { checks?: unknown };
  } catch (error) {
    throw new Error(`Check module ${file} could not be loaded: ${(error as Error).message}`);
  }
  if (!Array.isArray(mod.checks)) throw new Error(`Check module ${file} does not export a \`checks\` array.`);
  const checks = mod.checks as CheckDef[];
  const broken = checks.findIndex((c) => !c || typeof c.id !== 'string' || typeof c.run !== 'function' || !(LAYERS as readonly string[]).includes(c.layer) || !Array.isArray(c.criteria));
  if (broken >= 0) throw new Error(`Check module ${file}: checks[${broken}] is not a check (use defineCheck({ id, layer, title, criteria, run })).`);
  try {
    joinChecks([checks]);
  } catch (error) {
    throw new Error(`Check module ${file}: ${(error as Error).message}`);
  }
  return checks.filter((c) => layers.includes(c.layer));
}

export interface LoadOptions {
  /** Check modules added to the layers (`run --check-modules`, profile `checkModules`). */
  extraModules?: readonly string[];
}

/**
 * Load the checks of the given layers (default: all), plus any extra modules. GXV_CHECK_MODULES
 * (the project's own CLI tests) replaces the layers with its modules. A layer module that fails to
 * load for another reason throws.
 */
export async function loadChecks(layers: readonly Layer[] = LAYERS, opts: LoadOptions = {}): Promise<LoadedChecks> {
  const lists: CheckDef[][] = [];
  const missingLayers: Layer[] = [];
  const replacing = process.env.GXV_CHECK_MODULES?.split(',').map((s) => s.trim()).filter(Boolean) ?? [];
  if (replacing.length > 0) {
    for (const file of replacing) lists.push(await loadCheckModule(file, layers));
  } else {
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
  }
  for (const file of opts.extraModules ?? []) lists.push(await loadCheckModule(file, layers));
  return { checks: joinChecks(lists), missingLayers };
}
