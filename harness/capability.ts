/**
 * What an implementation can do. A claim lists the capabilities it needs; an implementation
 * lacking one gets `not-applicable` with the missing names, never a failure.
 */
export const CAPABILITIES = [
  'threads', // actors of kind `thread` that really block (OS or worker threads)
  'processes', // actors of kind `process` and process-level shared objects
  'programs', // the `program` op: runs the implementation's versions of the documents' example programs
  'tasks', // actors of kind `task` on one event loop
  'lock',
  'rlock',
  'semaphore',
  'bounded-semaphore',
  'event',
  'condition',
  'barrier',
  'queue',
  'lifo-queue',
  'priority-queue',
  'joinable-queue',
  'cell',
  'tcp',
  'udp',
  'unix-sockets',
  'select',
  'reuseaddr-control', // can bind without SO_REUSEADDR (Node always sets it)
  'pipes',
  'managers',
  'pools',
  'executors',
  'coroutines',
  'greenlet',
  'gevent',
  'fs',
  'http',
  'gil', // a global interpreter lock, as in CPython
  // Servers a server check can have started (`<protocol>-server`, harness/server/server-model.ts):
  'echo-upper-server', // the documents' echo-upper TCP service, in socketserver's concurrency models
  'echo-upper-udp-server', // its UDP counterpart
  'ftp-server', // the FTP service of 001 §十一 (docs/ftp-protocol.md)
  'remote-command-server', // 003 §9's remote commands answered with 4-byte length + JSON header + body
  'upload-server', // 003 §10's file upload over the same framing
  'hmac-echo-upper-server', // echo-upper behind 001 §十's HMAC challenge-response
  'http-load-server', // HTTP/1.1 load handlers (sleep, cpu) in socketserver's models, loaded by autocannon
] as const;

export type Capability = (typeof CAPABILITIES)[number];

export function isCapability(s: string): s is Capability {
  return (CAPABILITIES as readonly string[]).includes(s);
}
