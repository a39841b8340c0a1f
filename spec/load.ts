import type { Claim } from './claim';
import { from } from './sources';
import { loadCheck } from './checks/load-probes';
import { judgeScalesWithConnections, judgeSerialBound } from '../harness/checkers/load-ratios';

/**
 * Load claims (issue 9): socketserver's concurrency models serving HTTP (impl/net/http/) under
 * autocannon, judged from ratios inside one run: one connection against eight. Each check runs
 * a few seconds; `npm run load` runs the longer comparison with Node's http and CPython's
 * ThreadingHTTPServer as baselines (harness/load/). The select/event-loop claim is
 * io-models.select-advantage-is-scale, which uses the same probes.
 */

/** The I/O-bound handler's sleep: long enough that loopback and parsing are small beside it. */
export const LOAD_SLEEP_MS = 20;
/** The CPU-bound handler's loop: about 10 ms of computing a request on this machine. */
export const LOAD_CPU_ITERATIONS = 10_000_000;

const THREAD_SERVER_002 = 'threading.Thread多线程实现服务端客户端简单socket通信';
const GIL_003 = '34. GIL锁';
const THREAD_THEORY_003 = '26. 线程的理论知识';

export const claims: Claim[] = [
  {
    id: 'load.serial-one-request-at-a-time',
    title: 'A serial server serves one request at a time: eight connections get no more throughput than one, and no more than one sleep-long request per sleep',
    topic: 'load',
    source: from('procThreadCoro', THREAD_SERVER_002, '# t.join()   # 会导致只能同时一个客户端在线'),
    kind: 'executable',
    level: 'MUST',
    capabilities: ['tcp', 'http-load-server'],
    tags: ['load', 'serial', 'io-bound'],
    check: loadCheck({ model: 'serial', work: 'sleep', sleepMs: LOAD_SLEEP_MS }, (samples, server) => judgeSerialBound(samples, server, LOAD_SLEEP_MS)),
  },
  {
    id: 'load.threads-scale-with-connections-io-bound',
    title: 'Thread per connection with I/O-bound work: four connections get several times the throughput of one (once the threads have started)',
    topic: 'load',
    source: from('networking', GIL_003, '如果任务是IO密集型 : 使用多线程并发'),
    kind: 'executable',
    level: 'SHOULD',
    capabilities: ['tcp', 'threads', 'http-load-server'],
    tags: ['load', 'threading', 'io-bound'],
    // Each connection starts a worker thread that loads its own modules (seconds, with several
    // at once on a loaded machine): up to 6 s of warm-up (it ends once all four have answered),
    // and four connections, not eight.
    check: loadCheck({ model: 'threading', work: 'sleep', sleepMs: LOAD_SLEEP_MS, connections: [1, 4], seconds: 8, warmupSeconds: 6 }, judgeScalesWithConnections),
  },
  {
    id: 'load.processes-scale-with-connections-io-bound',
    title: 'Process per connection with I/O-bound work: four connections get several times the throughput of one (once the processes have started)',
    topic: 'load',
    source: from('networking', THREAD_THEORY_003, '多进程并发 : 开启多个进程, 每个进程里面的主线程执行任务'),
    kind: 'executable',
    level: 'SHOULD',
    capabilities: ['tcp', 'processes', 'http-load-server'],
    tags: ['load', 'forking', 'io-bound'],
    // Each connection starts a Node process: up to 6 s of warm-up (it ends once all four have
    // answered), and four of them, not eight.
    check: loadCheck({ model: 'forking', work: 'sleep', sleepMs: LOAD_SLEEP_MS, connections: [1, 4], seconds: 8, warmupSeconds: 6 }, judgeScalesWithConnections),
  },
  {
    id: 'load.event-loop-cpu-bound-one-at-a-time',
    title: 'An event-loop server with CPU-bound work computes one request at a time: eight connections get no more throughput than two',
    topic: 'load',
    source: from('networking', GIL_003, '如果任务是计算密集型 : 多进程并发'),
    kind: 'executable',
    level: 'MUST',
    capabilities: ['tcp', 'select', 'http-load-server'],
    tags: ['load', 'event-loop', 'cpu-bound'],
    // Work of ~10 ms a request, and two connections against eight rather than one: with one, the
    // loop idles during each turn-around to the client (long on a loaded machine), and the
    // gain from a second connection would be that idle time filled, not two computed at once.
    check: loadCheck({ model: 'event-loop', work: 'cpu', cpuIterations: LOAD_CPU_ITERATIONS, connections: [2, 8] }, (samples, server) => judgeSerialBound(samples, server)),
  },
];
