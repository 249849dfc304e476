import { gxChecks } from '../../src/vitest/index';

/**
 * The gx vitest project's one test file: every check of the chosen layers (GXV_LAYERS, default
 * integration and security) as a test, against the sandbox or GXV_PROFILE.
 */
await gxChecks();
