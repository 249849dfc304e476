import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const DASHBOARDS_DIR = fileURLToPath(new URL('../../fixtures/dashboards', import.meta.url));

/**
 * The sandbox's dashboards: the shipped Grafana JSON files (fixtures/dashboards/) copied into the
 * run's folder. Fault dashboard-metric-unknown adds a panel whose query reads a metric no target
 * exports (a renamed metric the dashboard was never updated for).
 */
export function writeDashboards(dir: string, withUnknownMetric: boolean): void {
  mkdirSync(dir, { recursive: true });
  for (const file of readdirSync(DASHBOARDS_DIR).filter((f) => f.endsWith('.json'))) {
    const dashboard = JSON.parse(readFileSync(path.join(DASHBOARDS_DIR, file), 'utf8')) as { panels: unknown[] };
    if (withUnknownMetric) {
      dashboard.panels.push({
        id: 900, type: 'timeseries', title: 'Ledger height', gridPos: { x: 12, y: 51, w: 12, h: 8 },
        targets: [{ refId: 'A', expr: 'max(gx_ledger_block_height)', datasource: { type: 'prometheus', uid: '${DS_PROMETHEUS}' } }],
      });
    }
    writeFileSync(path.join(dir, file), `${JSON.stringify(dashboard, null, 2)}\n`);
  }
}
