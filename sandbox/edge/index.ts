export { createEdgeCerts, EDGE_HOSTNAME, WRONG_HOSTNAME, type EdgeCerts, type ServedCert } from './certs';
export { startDelayProxy, type DelayProxy } from './delay-proxy';
export { EDGE_REGIONS, type EdgeRegion, type EdgePorts } from './nginx-conf';
export { RegionalEdge, DEFAULT_RTT_MS, type RegionalEdgeOptions, type StartedEdge } from './regional-edge';
export { startEdges, type StartEdgesOptions, type StartedEdges } from './start-edges';
