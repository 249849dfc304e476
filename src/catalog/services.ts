/** The seven API services of the contract (§1): one source for names, default ports and edge prefixes. */
export const SERVICE_KEYS = ['identity', 'tokenomics', 'organization', 'loanpool', 'governance', 'admin', 'tax'] as const;
export type ServiceKey = (typeof SERVICE_KEYS)[number];

export interface ServiceInfo {
  key: ServiceKey;
  /** The §1 name, also reported by /health, /livez and /readyz. */
  name: `svc-${ServiceKey}`;
  defaultPort: number;
  portVariable: string;
  edgePrefix: `/${ServiceKey}`;
}

const DEFAULT_PORTS: Record<ServiceKey, number> = {
  identity: 3001, tokenomics: 3002, organization: 3003, loanpool: 3004, governance: 3005, admin: 3006, tax: 3007,
};

export const SERVICES: Record<ServiceKey, ServiceInfo> = Object.fromEntries(
  SERVICE_KEYS.map((key) => [key, {
    key,
    name: `svc-${key}`,
    defaultPort: DEFAULT_PORTS[key],
    portVariable: `${key.toUpperCase()}_SERVICE_PORT`,
    edgePrefix: `/${key}`,
  }]),
) as Record<ServiceKey, ServiceInfo>;

export const WORKERS = {
  'outbox-submitter': { defaultPort: 9090 },
  projector: { defaultPort: 9091 },
} as const;
export type WorkerName = keyof typeof WORKERS;
