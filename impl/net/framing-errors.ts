/**
 * Why a framed stream was rejected. A decoder that throws one of these is finished: the bytes
 * after a bad frame cannot be trusted to start a frame, so the only safe reaction is to close
 * that one connection (and only it).
 */
export type FramingErrorCode =
  /** The 4-byte prefix decoded to a negative number (`struct.unpack('i')` is signed). */
  | 'negative-length'
  /** The announced header length is above the decoder's `maxHeaderBytes`. */
  | 'header-too-large'
  /** The header's `file_size` is above the decoder's `maxBodyBytes`. */
  | 'body-too-large'
  /** The announced frame length (length-then-data variant) is above `maxFrameBytes`. */
  | 'frame-too-large'
  /** The header bytes are not valid UTF-8. */
  | 'invalid-utf8'
  /** The header is not valid JSON. */
  | 'invalid-json'
  /** The header is JSON but not an object. */
  | 'header-not-object'
  /** A header field is missing or has the wrong type (e.g. `file_size` not a non-negative integer). */
  | 'header-field'
  /** The header's md5 does not match the body received. */
  | 'md5-mismatch'
  /** The stream ended inside the 4-byte prefix. */
  | 'truncated-length'
  /** The stream ended inside the header. */
  | 'truncated-header'
  /** The stream ended before `file_size` (or the announced length) bytes of body arrived. */
  | 'truncated-body'
  /** `push` after `end`, or after an earlier error. */
  | 'decoder-closed';

export class FramingError extends Error {
  constructor(
    readonly code: FramingErrorCode,
    message: string,
    /** Offset in the stream of the first byte of the frame that was rejected. */
    readonly frameOffset: number,
  ) {
    super(message);
    this.name = 'FramingError';
  }
}
