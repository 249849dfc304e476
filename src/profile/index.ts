/** The profile module's public surface: load and validate a profile, then resolve it to a Target. */
export { loadProfile, parseProfileText, parseProfileData, formatPath, type ProfileResult, type LoadOptions } from './load';
export { profileRules, type ProfileRule, type RuleContext } from './rules';
export { resolveTarget, type ResolveOptions } from './resolve';
export { signToken, mintAuthProvider, loginAuthProvider, REFRESH_AUDIENCE, ACCESS_LIFETIME_S, REFRESH_LIFETIME_S } from './auth';
export { regionDispatcher } from './dispatcher';
export { profileSchema, DEFAULT_PREFIXES, type SecretRef } from './schema';
export type { Profile, ProfileRegion } from './normalise';
export type * from './target';
