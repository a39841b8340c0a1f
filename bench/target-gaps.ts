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
    'Profiled after the tagged encoding for primitives, adaptive spinning and the sleeper-counting lock: what remains per item is the shared mutex that both threads take for every put and get (a cache line bouncing between the cores, plus the store bookkeeping under it) and, whenever the consumer has caught up and sleeps on not_empty, a futex wake-up per item. A single-producer/single-consumer ring with atomics (the mutex only for blocking, task_done and join), or moving several items per lock hold, would close the gap.',
  'queue.bounded-1000.items':
    'As for the unbounded queue, plus a not_full notify per get while the producer waits: in steady state the producer sleeps on not_full and is woken for every freed slot. Waking it only once the queue has drained below a low-water mark would change which wake-ups happen but not what any caller observes (CPython does not promise when a waiter runs either).',
  'queue.unbounded.vs-message-port':
    'postMessage batches: a port delivers every queued message in one event-loop turn with no lock, while the reference queue takes a cross-thread mutex per item. The same lock-free ring as for the CPython target would close it.',
  'framing.decode-64k.bytes':
    'A 64 KiB message straddles the 16 KiB chunks, so the decoder copies it into a fresh 64 KiB Buffer that the caller then owns. The copy itself runs at memcpy speed (quiet rounds reach several GB/s), but the per-message allocations bring GC and page faults, and on a loaded machine those rounds are an order of magnitude slower. Allocating straddling messages from a larger slab, and returning a subarray for a message that lies inside one chunk, would remove most of that cost.',
  'framing.decode-16b.messages':
    'The decoder reads the prefix in place and allocates only the message view; what remains per message is the read() wrapper (failure latch and try/catch) and the ByteQueue bookkeeping of two takes. Decoding every whole message of the head chunk in one loop inside the decoder would remove the per-call overhead.',
  'framing.loopback.bytes':
    'Receiving side only: the decoder copies each frame that straddles a socket read, which the raw baseline never does. Delivering in-chunk frames as subarrays removes most of those copies.',
  'pool.tiny-tasks':
    "The reference Pool uses worker processes (as multiprocessing does) and talks to them over Node's IPC pipe with one task in flight per worker, so every tiny task costs a full IPC round trip between processes, where piscina posts to worker threads over MessagePorts. Sending each worker its next task before the previous result arrives (CPython's task handler does this through its inqueue), and the chunksize batching multiprocessing offers, would close most of it; a thread-based pool would not be a multiprocessing.Pool.",
};
