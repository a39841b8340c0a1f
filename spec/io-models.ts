import type { Claim } from './claim';
import { from } from './sources';
import * as nonblocking from './checks/io-models-nonblocking';
import * as select from './checks/io-models-select';
import * as selectors from './checks/io-models-selectors';
import * as measured from './checks/server-measurements';
import { loadCheck } from './checks/load-probes';
import { judgeMoreConnectionsNotFasterOne } from '../harness/checkers/load-ratios';
import { LOAD_SLEEP_MS } from './load';

/**
 * I/O models: blocking and non-blocking sockets, select (timeouts, level triggering, serving
 * many connections), selectors, and the documents' descriptions of multiplexing and
 * asynchronous I/O. The checks are in checks/io-models-*.ts.
 */

const BLOCKING_001 = 'blocking IO(阻塞IO,Linux下)';
const NONBLOCKING_001 = 'non-blocking IO(非阻塞IO,Linux下)';
const MULTIPLEXING_001 = 'IO multiplexing(IO多路复用)';
const SELECTORS_000 = '与同步IO的区分处';

export const claims: Claim[] = [
  {
    id: 'io-models.sockets-block-by-default',
    title: 'A new socket is blocking by default (getblocking() is True, no timeout)',
    topic: 'io-models',
    source: from('netStyle', BLOCKING_001, '在Linux中,默认情况下所有的socket都是blocking'),
    kind: 'executable',
    level: 'MUST',
    capabilities: ['tcp'],
    tags: ['blocking', 'defaults'],
    check: nonblocking.blockByDefault,
  },
  {
    id: 'io-models.blocking-both-phases',
    title: 'Blocking I/O blocks through both phases of a read: waiting for the data and copying it from the kernel (one system call)',
    topic: 'io-models',
    source: from('netStyle', BLOCKING_001, 'blocking IO的特点就是在IO执行的两个阶段都被block了'),
    kind: 'informational',
    reason:
      'The split into "wait for data" and "copy to user space" happens inside one system call and cannot be observed through the socket API; the observable part (recv waits until data arrives) is tcp.recv-blocks.',
    level: 'MUST',
    capabilities: [],
    tags: ['blocking', 'definition', 'also:000-只发生了一次系统调用', 'also:001-十四-两个阶段'],
  },
  {
    id: 'io-models.nonblocking-returns-error',
    title: 'recv on a non-blocking socket with no data fails at once (BlockingIOError) instead of waiting, so the caller has to ask again',
    topic: 'io-models',
    source: from('netStyle', NONBLOCKING_001, '如果kernel中的数据还没准备好,那么它并不会block用户进程,而是立即返回一个error'),
    kind: 'executable',
    level: 'MUST',
    capabilities: ['tcp'],
    tags: ['non-blocking', 'errno', 'also:001-用户进程其实是需要不断的主动询问kernel数据好了没有'],
    check: nonblocking.nonblockingReturnsError,
  },
  {
    id: 'io-models.nonblocking-accept-errno',
    title: 'A non-blocking accept with nothing pending fails at once with EAGAIN',
    topic: 'io-models',
    source: from('netProg', '非阻塞IO使用', '# [Errno 35] Resource temporarily unavailable'),
    kind: 'contested',
    contest: {
      says: 'accept() on a non-blocking listening socket with no client waiting fails with [Errno 35] Resource temporarily unavailable.',
      actually:
        'The error is EAGAIN/EWOULDBLOCK, whose number is platform-specific: 35 on macOS/BSD, 11 on Linux, WSAEWOULDBLOCK 10035 on Windows. CPython raises BlockingIOError; portable code catches BlockingIOError (or compares with errno.EAGAIN), never the number 35.',
      evidence:
        'python3 3.11 on Linux: listener.setblocking(False); listener.accept() -> BlockingIOError: [Errno 11] Resource temporarily unavailable; errno.EAGAIN == errno.EWOULDBLOCK == 11.',
    },
    level: 'MUST',
    capabilities: ['tcp'],
    tags: ['non-blocking', 'platform-specific', 'errno'],
    check: nonblocking.nonblockingAcceptErrno,
  },
  {
    id: 'io-models.nonblocking-many-syscalls',
    title: 'Polling a non-blocking socket makes many system calls that find nothing',
    topic: 'io-models',
    source: from('netProg', '缺点', '系统调用过多次'),
    kind: 'informational',
    reason:
      'System-call counts are not visible through the socket API (only with strace); the cost shows up as CPU time spent in a polling loop, which depends on how the program sleeps between polls.',
    level: 'SHOULD',
    capabilities: [],
    tags: ['non-blocking', 'drawbacks'],
  },
  {
    id: 'io-models.nonblocking-late-processing',
    title: 'A poll-then-sleep loop over a non-blocking socket handles data late: data that arrives during the sleep waits for the next poll',
    topic: 'io-models',
    source: from('netProg', '缺点', '数据不能准时处理'),
    kind: 'executable',
    level: 'SHOULD',
    capabilities: ['tcp'],
    tags: ['non-blocking', 'drawbacks', 'latency'],
    check: nonblocking.nonblockingLateProcessing,
  },
  {
    id: 'io-models.select-timeout-empty',
    title: 'select with a timeout returns three empty lists when nothing became ready in time',
    topic: 'io-models',
    source: from('netProg', '多路复用', '# 每隔2s监听一次,如果2s后没有接收到客户端的连接,r的值为空列表,然后走后面的流程'),
    kind: 'executable',
    level: 'MUST',
    capabilities: ['select', 'tcp'],
    tags: ['select', 'timeout'],
    check: select.timeoutEmpty,
  },
  {
    id: 'io-models.select-no-timeout-waits',
    title: 'select without a timeout blocks the caller until a watched socket becomes ready (a client connects)',
    topic: 'io-models',
    source: from('netProg', '多路复用', '# 不设置时间参数,则一直等待,直到有客户端进行连接'),
    kind: 'executable',
    level: 'MUST',
    capabilities: ['select', 'tcp'],
    tags: ['select', 'blocking', 'also:001-当用户进程调用了select,那么真个进程会被block'],
    check: select.noTimeoutWaits,
  },
  {
    id: 'io-models.trigger-modes',
    title: 'Level-triggered readiness fires while the condition holds; edge-triggered fires only when it changes',
    topic: 'io-models',
    source: from('netProg', '触发方式', '只有高电平或者低电平时才触发'),
    kind: 'informational',
    reason:
      'Definitions borrowed from electronics. select and poll are level-triggered (epoll offers EPOLLET for edge triggering, not exposed by select); the observable consequences are io-models.select-level-triggered-unaccepted and -accepted.',
    level: 'MUST',
    capabilities: [],
    tags: ['select', 'definition', 'also:000-只有电平发生变化才触发'],
  },
  {
    id: 'io-models.select-level-triggered-unaccepted',
    title: 'Level triggering: while a pending connection is not accepted, every select call reports the listening socket readable again',
    topic: 'io-models',
    source: from('netProg', '触发方式', "# 当有客户端进行连接后, '有客户端进行连接' 和 '--->' 不断的打印"),
    kind: 'executable',
    level: 'MUST',
    capabilities: ['select', 'tcp'],
    tags: ['select', 'level-triggered'],
    check: select.levelTriggeredUnaccepted,
  },
  {
    id: 'io-models.select-level-triggered-accepted',
    title: 'Once the pending connection is accepted, the listening socket is no longer reported readable: the message prints once',
    topic: 'io-models',
    source: from('netProg', '触发方式', "# 当有客户端进行连接后, '有客户端进行连接' 只有打印一次"),
    kind: 'executable',
    level: 'MUST',
    capabilities: ['select', 'tcp'],
    tags: ['select', 'level-triggered'],
    check: select.levelTriggeredAccepted,
  },
  {
    id: 'io-models.select-many-connections',
    title: 'One thread using select over the listener and every accepted connection serves several clients, interleaving their requests',
    topic: 'io-models',
    source: from('netProg', '触发方式', '# 利用 select 实现并发效果'),
    kind: 'executable',
    level: 'MUST',
    capabilities: ['select', 'tcp'],
    tags: ['select', 'concurrency', 'also:000-1. 可以监听多个连接'],
    check: selectors.selectManyConnections,
  },
  {
    id: 'io-models.recv-after-accept-blocks-all',
    title: 'The "可以监听多个连接" example calls a blocking recv right after accept, so one silent client stalls every other connection',
    topic: 'io-models',
    source: from('netProg', '触发方式', 'conn.recv(BUFFER_SIZE)'),
    kind: 'contested',
    contest: {
      says: 'The example shows select\'s advantage: it can watch many connections.',
      actually:
        'Right after accept it calls conn.recv on the new, blocking connection, outside select. Until that client sends something the whole loop is stuck in recv and no other client is accepted or served. With select, reads belong in the readiness loop (as in the next example, 利用 select 实现并发效果).',
      evidence:
        'python3 3.11 on Linux: sockets returned by accept() are blocking (getblocking() True, gettimeout() None), and recv on a blocking socket with no data waits until data or EOF arrives.',
    },
    level: 'MUST',
    capabilities: ['select', 'tcp'],
    tags: ['doc-bug', 'select', 'blocking'],
    check: select.recvAfterAcceptBlocksAll,
  },
  {
    id: 'io-models.select-closed-peer-spins',
    title: 'A closed peer stays readable forever: the select server never removes it, so it spins on recv() == b\'\'',
    topic: 'io-models',
    source: from('netProg', '触发方式', 'data_byte = obj.recv(BUFFER_SIZE)'),
    kind: 'contested',
    contest: {
      says: 'The select loop serves clients concurrently (利用 select 实现并发效果), reading and echoing whatever a readable connection has.',
      actually:
        'When a client disconnects, EOF counts as readable, and select is level-triggered: the dead connection is reported on every call, recv returns b\'\', the loop sends b\'\' and goes round again at full speed. It must close the connection and remove it from inputs on b\'\' (the selectors example does: sel.unregister(conn); conn.close()).',
      evidence:
        'python3 3.11 on Linux: after the peer close()s, select([conn], [], [], 0.1) reports conn readable three times in a row and each conn.recv(1024) returns b\'\'.',
    },
    level: 'MUST',
    capabilities: ['select', 'tcp'],
    tags: ['doc-bug', 'select', 'close', 'level-triggered'],
    check: select.closedPeerSpins,
  },
  {
    id: 'io-models.select-then-read-does-not-block',
    title: 'After select reports a socket readable, accept() or recv() on it returns at once instead of waiting',
    topic: 'io-models',
    source: from(
      'netStyle',
      MULTIPLEXING_001,
      '1、select函数返回结果中如果有文件可读了,那么进程就可以同故宫调用accept()或recv()来让kernel将位于内核中准备到的数据copy到用户区。',
    ),
    kind: 'executable',
    level: 'MUST',
    capabilities: ['select', 'tcp'],
    tags: ['select', 'readiness'],
    check: select.selectThenRead,
  },
  {
    id: 'io-models.select-advantage-is-scale',
    title: 'select/epoll\'s advantage is handling more connections, not handling one connection faster (with few connections threads + blocking I/O can be as fast or faster)',
    topic: 'io-models',
    source: from('netStyle', MULTIPLEXING_001, 'select/epoll的优势并不是对于单个连接能处理得更快,而是在于能处理更多的连接'),
    kind: 'executable',
    level: 'SHOULD',
    capabilities: ['select', 'tcp', 'http-load-server'],
    tags: ['select', 'performance', 'load', 'also:001-2、select的优势在于可以处理多个连接,不适用于单个连接。'],
    // The event-loop server under autocannon (spec/load.ts): eight connections scale, one is no
    // faster than its handler's sleep; npm run load also compares it with thread per connection.
    // (Event loop against thread per connection on the echo-upper servers was tried: the
    // reference's threads relay every chunk through the accepting thread, so that ratio says
    // more about the relay and the machine's load than about select.)
    check: loadCheck({ model: 'event-loop', work: 'sleep', sleepMs: LOAD_SLEEP_MS }, (samples, server) => judgeMoreConnectionsNotFasterOne(samples, server, LOAD_SLEEP_MS)),
  },
  {
    id: 'io-models.select-does-not-busy-poll',
    title: 'select/epoll do not keep polling their sockets: the kernel puts the caller to sleep until one becomes ready',
    topic: 'io-models',
    source: from('netStyle', MULTIPLEXING_001, '它的基本原理就是select/epoll这个function会不断的轮询所负责的所有socket'),
    kind: 'contested',
    contest: {
      says: 'The principle of select/epoll is that the function keeps polling all the sockets it is responsible for, and notifies the process when data arrives.',
      actually:
        'select scans its descriptor sets once per call (O(n), which is what epoll avoids) and then sleeps on the sockets\' wait queues; the kernel wakes it when a socket becomes ready or the timeout expires. Nothing spins while waiting, so an idle select uses no CPU. (The document\'s next paragraph says as much: the process is blocked while the kernel watches the sockets.)',
      evidence:
        'python3 3.11 on Linux: select.select([listener], [], [], 1.0) with no client returned [] after 1.001 s wall time and 0.0001 s of process CPU time (time.process_time()). select(2)/epoll(7) man pages: the call blocks until a descriptor becomes ready or the timeout expires.',
    },
    level: 'MUST',
    capabilities: ['echo-upper-server'],
    tags: ['select', 'kernel'],
    // The event-loop server's CPU time over a wait with a silent client (from /proc/<pid>/stat).
    check: measured.selectDoesNotBusyPoll,
  },
  {
    id: 'io-models.selectors-register-callback',
    title: 'selectors: register(sock, EVENT_READ, callback) stores the callback as key.data; select() returns (key, mask) pairs and key.data(key.fileobj) dispatches to it',
    topic: 'io-models',
    source: from('netProg', SELECTORS_000, '# 目的 : sock 与 accept 做绑定'),
    kind: 'executable',
    level: 'MUST',
    capabilities: ['select', 'tcp'],
    tags: ['selectors', 'callback'],
    check: selectors.registerCallback,
  },
  {
    id: 'io-models.selectors-unregister',
    title: 'After sel.unregister(conn) the selector no longer watches or reports that socket (done when recv returns b\'\')',
    topic: 'io-models',
    source: from('netProg', SELECTORS_000, 'sel.unregister(conn)'),
    kind: 'executable',
    level: 'MUST',
    capabilities: ['select', 'tcp'],
    tags: ['selectors', 'close'],
    check: selectors.unregister,
  },
  {
    id: 'io-models.selectors-not-async',
    title: 'selectors is synchronous I/O multiplexing, not asynchronous I/O: sel.select() blocks and the program does the recv itself',
    topic: 'io-models',
    source: from('netProg', SELECTORS_000, '# selectors 模块'),
    kind: 'contested',
    contest: {
      says: 'The selectors server is given as the example of asynchronous I/O (异步IO, "全程无阻塞").',
      actually:
        'selectors wraps select/poll/epoll: sel.select() blocks until a registered socket is ready (or the timeout ends), then the program itself calls accept/recv to copy the data. That is I/O multiplexing, which by the document\'s own rule (any blocking makes it synchronous) is synchronous I/O. Asynchronous I/O in the document\'s sense (the kernel completes the read and then notifies) is completion-based I/O such as POSIX aio, io_uring or Windows IOCP.',
      evidence:
        'CPython docs: "selectors - High-level I/O multiplexing". python3 3.11 on Linux: DefaultSelector is EpollSelector; sel.select(timeout=0.3) with nothing ready blocks for 0.3 s and returns [].',
    },
    level: 'MUST',
    capabilities: ['select', 'tcp'],
    tags: ['selectors', 'terminology', 'also:000-异步IO'],
    check: selectors.notAsync,
  },
  {
    id: 'io-models.sync-vs-async-definition',
    title: 'I/O is synchronous if it blocks anywhere; asynchronous I/O never blocks from start to finish',
    topic: 'io-models',
    source: from('netProg', SELECTORS_000, '只要有阻塞情况发生,为同步IO.如果全程无阻塞,则为异步IO'),
    kind: 'informational',
    reason: 'A definition (consistent with Stevens\' UNIX Network Programming classification); nothing to run.',
    level: 'MUST',
    capabilities: [],
    tags: ['definition', 'also:000-全程无阻塞'],
  },
  {
    id: 'io-models.async-io-signal',
    title: 'With asynchronous I/O the read returns at once; the kernel waits for the data, copies it to user memory and then signals the process',
    topic: 'io-models',
    source: from('netStyle', 'Asynchronous I/O(异步IO)', '当这一切都完成之后,kernel会给用户进程发送一个signal,告诉它read操作完成了。'),
    kind: 'informational',
    reason:
      'Completion-based I/O (POSIX aio, io_uring, IOCP) is not exposed by Python\'s socket, select or selectors modules, which the suite models; asyncio on Unix is itself built on readiness (selectors).',
    level: 'MUST',
    capabilities: [],
    tags: ['definition', 'async-io'],
  },
];
