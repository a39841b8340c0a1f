/**
 * For each figure with a target: why the reference can fall short of it and what would close
 * the gap. PERFORMANCE.md prints the entry of every missed target next to the measured shortfall;
 * these texts describe mechanisms (found by profiling with `node --cpu-prof`), not numbers.
 */
import type { FigureId } from './figures';

export const TARGET_GAPS: Partial<Record<FigureId, string>> = {
  'lock.contended.pairs':
    'The contended figure is dominated by futex sleeps and wake-ups when the two workers meet on the lock word; on a loaded machine a descheduled holder makes the other worker sleep. Longer adaptive spinning helps only while both workers really run at once.',
  'lock.uncontended.pairs':
    'An uncontended pair is argument validation plus one compare-and-swap and one exchange; what is left is the validation of (blocking, timeout) on every call, which a no-argument fast path would skip.',
  'queue.unbounded.items':
    'After the tagged encoding for primitives and adaptive spinning, the profile is the shared mutex: every put and get takes it, and once a waiter has slept the lock word stays "contended", so each release issues an Atomics.notify. A single-producer/single-consumer ring with atomics (no mutex on the fast path, the mutex only for blocking, task_done and join) or batching several items per lock hold would close the gap.',
  'queue.bounded-1000.items':
    'As for the unbounded queue, plus a not_full notify per get while the producer waits: in steady state the producer sleeps on not_full and is woken for every freed slot. Waking the producer only when the queue has drained below a low-water mark would change which wake-ups happen but not what any caller observes (CPython also does not promise when a waiter runs).',
  'queue.unbounded.vs-message-port':
    'postMessage batches: a port delivers every queued message in one event-loop turn with no lock, while the reference queue takes a cross-thread mutex per item. The same lock-free ring as for the CPython target would close it.',
  'framing.decode-64k.bytes':
    'Each 64 KiB message straddles 16 KiB chunks, so the decoder copies it into a freshly allocated Buffer; the copy runs at memcpy speed but a fresh 64 KiB allocation per message costs page faults and GC. Handing out a subarray when a message lies inside one chunk, and reusing a pooled buffer otherwise, would close the gap.',
  'framing.decode-16b.messages':
    'Per message the decoder allocates a need-state object, a 4-byte prefix subarray and a Buffer view in unpackInt32. Reading the prefix in place (readInt32LE on the head chunk) and keeping the need-state in two fields removes three allocations per message.',
  'framing.loopback.bytes':
    'Receiving side only: the decoder copies each frame that straddles a socket read, which the raw baseline never does. Delivering in-chunk frames as subarrays removes most of those copies.',
  'pool.tiny-tasks':
    "The reference Pool uses worker processes (as multiprocessing does) and talks to them over Node's IPC pipe with one task in flight per worker, so every tiny task costs a full IPC round trip between processes, where piscina posts to worker threads over MessagePorts. Sending each worker its next task before the previous result arrives (CPython's task handler does this through its inqueue), and the chunksize batching multiprocessing offers, would close most of it; a thread-based pool would not be a multiprocessing.Pool.",
};
