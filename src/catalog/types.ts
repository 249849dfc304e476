import type { z } from 'zod';
import type { ServiceKey } from './services';
import type { Role } from '../profile/target';
import type { FixtureWorld } from '../fixtures/types';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
export type EndpointKind = 'command' | 'query' | 'local' | 'revoke';
export type Access = 'public' | 'auth' | 'owner' | 'roles';

/** Which fixture identity sends a request (null = no token). */
export type Actor = keyof FixtureWorld['users'] | null;

/** How ownership is decided (§3.5): a path param or a body field must equal the caller's profileId. */
export type OwnershipRule =
  | { kind: 'path'; param: string; message: string }
  | { kind: 'body'; field: string; message: string }
  | { kind: 'body-array'; field: string; message: string }
  | { kind: 'borrower'; message: string }          // #19: not-owner answers like unknown (404)
  | { kind: 'stakeholder'; message: string };      // #10, #11: ADMIN/SUPER_ADMIN or org stakeholder

export interface ExampleRequest {
  as: Actor;
  params?: Record<string, string>;
  query?: Record<string, string>;
  body?: unknown;
  /**
   * I2/I3: the body's `refreshToken` is a placeholder; the sender replaces it with a fresh refresh
   * token of this identity (from the AuthProvider), since a fixture world holds no tokens.
   */
  refreshTokenOf?: keyof FixtureWorld['users'];
}

export interface DocumentedError {
  status: number;
  message: string;
  /** When the route answers it, in words. */
  when: string;
}

export interface Endpoint {
  /** Contract id: `#1`…`#39`, `I1`…`I8`. */
  id: string;
  /** Id fragment for check ids: `E01`…`E39`, `I1`…`I8`. */
  key: string;
  service: ServiceKey;
  method: HttpMethod;
  /** Path template as in the contract, e.g. `/api/v1/wallets/:profileId/balance`. */
  path: string;
  access: Access;
  /** Roles allowed (null = any valid token, or public). */
  roles: Role[] | null;
  ownership: OwnershipRule | null;
  kind: EndpointKind;
  commandType?: string;
  request: {
    params?: z.ZodType;
    query?: z.ZodType;
    /** null: the route takes no body. */
    body: z.ZodType | null;
  };
  success: { status: number; body: z.ZodType; message?: string };
  errors: DocumentedError[];
  /** A valid request against the fixture world, answered with `success`. */
  example(world: FixtureWorld): ExampleRequest;
}
