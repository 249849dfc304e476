import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Role } from '../profile/target';
import type { DocumentedError, Endpoint } from './types';
import { MESSAGES } from './envelope';
import { serverId } from './primitives';

/** Small builders the per-service files share, so each route reads like its contract row. */

export const ADMINS: Role[] = ['ADMIN', 'SUPER_ADMIN'];
export const SUPER: Role[] = ['SUPER_ADMIN'];

/** A documented error row. */
export const err = (status: number, message: string, when: string): DocumentedError => ({ status, message, when });

/** §3.2 role gate, listed on every role-gated route. */
export const roleDenied = (roles: Role[]): DocumentedError =>
  err(403, MESSAGES.forbiddenRole, `valid token whose role is not ${roles.join(' or ')}`);

/** Extra ids some command successes add (§6.3 #12, §6.4 #16, §6.5 #20), with their id form. */
const EXTRA_IDS = {
  pendingTxId: serverId.regex(/^multisig-/, 'pendingTxId has the form multisig-<orgId>-<suffix> (ORG-1)'),
  loanId: serverId.regex(/^loan-/, 'loanId has the form loan-<borrowerId>-<suffix> (LOAN-1)'),
  proposalId: serverId.regex(/^proposal-/, 'proposalId has the form proposal-<targetParam>-<suffix> (GOV-1)'),
} as const;

/**
 * 202 `{commandId, message}` with the literal message (§6 preamble). `literal: false` is for I6/I7,
 * where checks require only `commandId`.
 */
export function accepted(
  message: string,
  opts: { extra?: (keyof typeof EXTRA_IDS)[]; literal?: boolean } = {},
): Endpoint['success'] {
  const shape: Record<string, z.ZodType> = {
    commandId: z.string().min(1),
    message: opts.literal === false ? z.string().optional() : z.literal(message),
  };
  for (const key of opts.extra ?? []) shape[key] = EXTRA_IDS[key];
  return { status: 202, body: z.looseObject(shape), message };
}

/** 200 with a body schema. */
export const ok = (body: z.ZodType): Endpoint['success'] => ({ status: 200, body });

/** A command body of `none`: the route takes no body. */
export const NO_BODY = { body: null } as const;

/** Unique-enough suffix for examples that create new objects (orgs, users). */
export const uniqueSuffix = (): string => randomUUID().slice(0, 8);
