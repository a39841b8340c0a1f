import type { ErrorBody, ErrorCode } from './protocol';

/**
 * A refused request, on either side: the server turns it into an error reply, the client throws
 * it when a reply says `ok: false`. `close` marks the errors after which the server hangs up,
 * because the stream can no longer be trusted (a bad frame, a header above the limit).
 */
export class FtpError extends Error {
  override readonly name = 'FtpError';

  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly close = false,
  ) {
    super(message);
  }

  toBody(): ErrorBody {
    return { code: this.code, message: this.message };
  }
}

/** The connection ended or failed under a transfer: worth a reconnect and a resume. */
export class ConnectionLost extends Error {
  override readonly name = 'ConnectionLost';
}
