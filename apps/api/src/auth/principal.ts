import { type Scope } from './scopes';

/**
 * Who is calling: the token that authenticated the request, or the open principal when the server runs
 * open (loopback listener and no tokens), which holds every scope and no token.
 */
export interface Principal {
  readonly tokenId: string | null;
  readonly tokenName: string | null;
  readonly scopes: ReadonlySet<Scope>;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by authentication before any handler runs; undefined when the request carried no valid token. */
    principal?: Principal;
  }
}
