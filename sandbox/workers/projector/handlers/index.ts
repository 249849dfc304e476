import * as admin from './admin';
import type { EventHandler } from './context';
import * as governance from './governance';
import * as identity from './identity';
import * as loans from './loans';
import * as organization from './organization';
import * as tokens from './tokens';
import * as wallets from './wallets';

/** The §8.2 event catalog: event name → payload check and read-model effect. Other names are ignored (PROJ-6). */
export const HANDLERS: Readonly<Record<string, EventHandler>> = {
  ...identity, ...wallets, ...tokens, ...organization, ...loans, ...governance, ...admin,
};

export function handlerFor(name: string): EventHandler | undefined {
  return Object.hasOwn(HANDLERS, name) ? HANDLERS[name] : undefined;
}

export { EffectError, type HandlerContext, type Outcome, type Query } from './context';
export { PayloadError } from './schema';
