/**
 * Which thread is running, for ownership checks (RLock). Node gives every worker thread a
 * process-unique `threadId`, and the main thread is 0, so it plays the role of Python's
 * `threading.get_ident()` for thread-level primitives.
 */
import { threadId } from 'node:worker_threads';

export function currentThreadId(): number {
  return threadId;
}
