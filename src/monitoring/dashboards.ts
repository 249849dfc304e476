import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

/**
 * Grafana dashboards as data (formats.md §3): every panel query, walking rows both ways (an
 * expanded row's panels are siblings, a collapsed row keeps them in its own `panels`).
 */
export interface PanelQuery {
  dashboard: string;
  panel: string;
  expr: string;
}

interface PanelJson { type?: string; title?: string; collapsed?: boolean; panels?: PanelJson[]; targets?: Array<{ expr?: unknown; hide?: boolean }> }
export interface DashboardJson { uid?: string; title?: string; panels?: PanelJson[]; rows?: Array<{ panels?: PanelJson[] }> }

export function panelQueries(dashboard: DashboardJson, name = dashboard.title ?? dashboard.uid ?? 'dashboard'): PanelQuery[] {
  const out: PanelQuery[] = [];
  const walk = (panels: PanelJson[] | undefined) => {
    for (const p of panels ?? []) {
      if (p.type === 'row') { walk(p.panels); continue; }
      for (const t of p.targets ?? []) {
        if (typeof t.expr === 'string' && t.expr.trim() !== '' && !t.hide) out.push({ dashboard: name, panel: p.title ?? '(untitled)', expr: t.expr });
      }
      walk(p.panels);
    }
  };
  walk(dashboard.panels);
  for (const row of dashboard.rows ?? []) walk(row.panels); // schema < 16 dashboards
  return out;
}

/**
 * Grafana template variables are not PromQL: the built-in intervals become a duration, other
 * variables a placeholder, so the query parses as Grafana would send it.
 */
export function withoutVariables(expr: string): string {
  return expr
    .replace(/\$__(rate_interval|interval|range|interval_ms|range_s|range_ms)\b|\$\{__(rate_interval|interval|range)[^}]*\}/g, '5m')
    .replace(/\$\{[^}]+\}|\[\[[^\]]+\]\]|\$[A-Za-z_][A-Za-z0-9_]*/g, 'gxv_var');
}

/** Dashboard JSON files from the profile: files as given, folders by their *.json files. */
export function readDashboardFiles(paths: readonly string[]): Array<{ file: string; dashboard: DashboardJson | null; error?: string }> {
  const files = paths.flatMap((p) => (statSync(p).isDirectory()
    ? readdirSync(p).filter((f) => f.endsWith('.json')).sort().map((f) => path.join(p, f))
    : [p]));
  return files.map((file) => {
    try {
      const parsed = JSON.parse(readFileSync(file, 'utf8')) as DashboardJson & { dashboard?: DashboardJson };
      // An export from Grafana's API wraps the model in {dashboard, meta}.
      return { file, dashboard: parsed.dashboard ?? parsed };
    } catch (err) {
      return { file, dashboard: null, error: (err as Error).message };
    }
  });
}
