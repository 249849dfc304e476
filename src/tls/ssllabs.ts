/**
 * Adapter for the SSL Labs assessment API v4 (facts in shared/reference/anchors.md §3.2): the
 * official grade of a PUBLIC host, shown beside the local grade. v4 needs a one-time registration;
 * every call carries the registered organisation email in an `email` header. Flow: one
 * `analyze?host=…&startNew=on&all=done`, then poll `analyze` without startNew until READY or ERROR.
 * Never used in tests (no network there): tests feed recorded responses through `fetchImpl`.
 */

export const SSL_LABS_API = 'https://api.ssllabs.com/api/v4/';

export interface SslLabsEndpointGrade {
  ipAddress: string;
  serverName?: string;
  statusMessage: string;
  grade?: string;
  gradeTrustIgnored?: string;
  hasWarnings?: boolean;
  isExceptional?: boolean;
}

export interface SslLabsResult {
  host: string;
  status: 'READY' | 'ERROR' | 'IN_PROGRESS' | 'DNS';
  statusMessage?: string;
  criteriaVersion?: string;
  engineVersion?: string;
  endpoints: SslLabsEndpointGrade[];
  /** The worst endpoint grade (a host is as strong as its weakest address). */
  grade?: string;
}

export class SslLabsError extends Error {
  constructor(message: string, readonly httpStatus?: number) {
    super(message);
  }
}

const ORDER = ['A+', 'A', 'A-', 'B', 'C', 'D', 'E', 'F', 'T', 'M'];

/** Parses one `analyze` Host document (or the `{errors: [...]}` shape the API uses for 4xx). */
export function parseAnalyzeResponse(body: unknown): SslLabsResult {
  if (!body || typeof body !== 'object') throw new SslLabsError('SSL Labs answered with a non-object body');
  const doc = body as Record<string, unknown>;
  if (Array.isArray(doc.errors)) {
    const messages = doc.errors.map((e) => (e && typeof e === 'object' ? String((e as { message?: unknown }).message ?? '') : String(e)));
    throw new SslLabsError(`SSL Labs error: ${messages.join('; ')}`);
  }
  const status = String(doc.status ?? '');
  if (!['READY', 'ERROR', 'IN_PROGRESS', 'DNS'].includes(status)) throw new SslLabsError(`Unknown SSL Labs status "${status}"`);
  const endpoints = (Array.isArray(doc.endpoints) ? doc.endpoints : []).map((raw): SslLabsEndpointGrade => {
    const e = raw as Record<string, unknown>;
    return {
      ipAddress: String(e.ipAddress ?? ''),
      serverName: typeof e.serverName === 'string' ? e.serverName : undefined,
      statusMessage: String(e.statusMessage ?? ''),
      grade: typeof e.grade === 'string' ? e.grade : undefined,
      gradeTrustIgnored: typeof e.gradeTrustIgnored === 'string' ? e.gradeTrustIgnored : undefined,
      hasWarnings: typeof e.hasWarnings === 'boolean' ? e.hasWarnings : undefined,
      isExceptional: typeof e.isExceptional === 'boolean' ? e.isExceptional : undefined,
    };
  });
  const grades = endpoints.flatMap((e) => (e.grade ? [e.grade] : []));
  const grade = grades.sort((a, b) => ORDER.indexOf(b) - ORDER.indexOf(a))[0];
  return {
    host: String(doc.host ?? ''),
    status: status as SslLabsResult['status'],
    statusMessage: typeof doc.statusMessage === 'string' ? doc.statusMessage : undefined,
    criteriaVersion: typeof doc.criteriaVersion === 'string' ? doc.criteriaVersion : undefined,
    engineVersion: typeof doc.engineVersion === 'string' ? doc.engineVersion : undefined,
    endpoints,
    grade,
  };
}

export interface SslLabsOptions {
  /** The registered organisation email (profile). */
  email: string;
  baseUrl?: string;
  fetchImpl?: typeof fetch;
  pollIntervalMs?: number;
  /** Upper bound on polls (assessments take minutes; default 60 × 10 s). */
  maxPolls?: number;
  /** Use a cached report up to this many hours old instead of starting a new assessment. */
  maxAgeHours?: number;
  sleep?: (ms: number) => Promise<void>;
}

const HTTP_ERRORS: Record<number, string> = {
  400: 'invalid invocation',
  429: 'too many requests or concurrent assessments',
  441: 'email not registered with SSL Labs API v4',
  500: 'SSL Labs internal error',
  503: 'SSL Labs service unavailable',
  529: 'SSL Labs overloaded',
};

/** Starts (or reuses) an assessment and polls until it is READY or ERROR. */
export async function fetchSslLabsGrade(host: string, options: SslLabsOptions): Promise<SslLabsResult> {
  const fetchImpl = options.fetchImpl ?? fetch;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const base = options.baseUrl ?? SSL_LABS_API;
  const call = async (params: Record<string, string>) => {
    const url = new URL('analyze', base);
    url.search = new URLSearchParams({ host, ...params }).toString();
    const response = await fetchImpl(url, { headers: { email: options.email } });
    if (!response.ok) {
      throw new SslLabsError(`SSL Labs HTTP ${response.status}: ${HTTP_ERRORS[response.status] ?? 'unexpected status'}`, response.status);
    }
    return parseAnalyzeResponse(await response.json());
  };
  const first = options.maxAgeHours !== undefined
    ? await call({ fromCache: 'on', maxAge: String(options.maxAgeHours), all: 'done' })
    : await call({ startNew: 'on', all: 'done' });
  let result = first;
  for (let poll = 0; poll < (options.maxPolls ?? 60) && (result.status === 'IN_PROGRESS' || result.status === 'DNS'); poll += 1) {
    await sleep(options.pollIntervalMs ?? 10_000);
    result = await call({ all: 'done' });
  }
  if (result.status === 'IN_PROGRESS' || result.status === 'DNS') throw new SslLabsError(`SSL Labs assessment of ${host} did not finish in time`);
  return result;
}
