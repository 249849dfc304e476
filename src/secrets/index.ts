export { scanText, type ScanOptions } from './scan-text';
export { scanPaths, type FileScan, MAX_FILES, MAX_FILE_BYTES } from './scan-files';
export { maskSecret } from './mask';
export { describeFinding, type SecretFinding } from './types';
