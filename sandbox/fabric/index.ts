export { FabricGatewayEmulator, type FabricEmulatorOptions, type StartedFabric, type FabricCredentialPaths } from './emulator';
export { LedgerHandle, type LedgerSeed } from './seed';
export { GENESIS_TIERS } from './chaincode/tokenomics-contract';
export { SLOW_COMMIT_MS } from './orderer';
