/**
 * Echo-upper behind 001 §十's HMAC challenge–response: a client that proves it holds the shared
 * key is served; any other is told `denied` and its connection closed, and the server goes on.
 * The key comes from the server's context (`{ hmac: { keyHex, saltHex?, digest? } }`), so the
 * same handler runs in every concurrency model, threads and processes included.
 */
import type { Json } from '../../../harness/scenario/model';
import { type AuthResult, type HmacAuthOptions, type HmacDigest, authenticateClient } from '../hmac-auth';
import { EchoUpperHandler } from './echo-upper-handler';

export interface HmacContext {
  hmac: { keyHex: string; saltHex?: string; digest?: HmacDigest; timeout?: number };
}

/** The server context that gives AuthenticatedEchoUpperHandler its key. */
export function hmacContext(options: HmacAuthOptions): HmacContext & { [key: string]: Json } {
  return {
    hmac: {
      keyHex: Buffer.from(options.key).toString('hex'),
      ...(options.salt ? { saltHex: Buffer.from(options.salt).toString('hex') } : {}),
      ...(options.digest ? { digest: options.digest } : {}),
      ...(options.timeout !== undefined ? { timeout: options.timeout } : {}),
    },
  };
}

export class AuthenticatedEchoUpperHandler extends EchoUpperHandler {
  /** How authentication went for this connection (for subclasses and tests). */
  authResult: AuthResult | null = null;

  override async handle(): Promise<void> {
    const { hmac } = this.server.context as unknown as HmacContext;
    this.authResult = await authenticateClient(this.request, {
      key: Buffer.from(hmac.keyHex, 'hex'),
      ...(hmac.saltHex ? { salt: Buffer.from(hmac.saltHex, 'hex') } : {}),
      ...(hmac.digest ? { digest: hmac.digest } : {}),
      ...(hmac.timeout !== undefined ? { timeout: hmac.timeout } : {}),
    });
    if (!this.authResult.ok) return; // shutdown_request closes the connection
    await super.handle();
  }
}
