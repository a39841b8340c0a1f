import type { Claim } from './claim';
import { from } from './sources';
import { probeConcurrency, probeHandlerException } from '../harness/net-probes';
import { probeProcessPerConnection, probeRequestIsConn } from '../harness/net-probes/identity-probe';
import { probeUdpRequestPair } from '../harness/net-probes/udp-echo-probe';
import { probeQueuedClients } from '../harness/net-probes/queued-client-probe';
import { forkingCostsMore } from './checks/server-measurements';
import { allowReuseAddressTooLate } from './checks/socketserver-programs';
import { everyConnectionServed } from './checks/server-probes';
import { probeCheck } from './checks/server-probes';

/**
 * Concurrent servers: the socketserver module (handlers, ThreadingTCPServer, ForkingTCPServer,
 * UDP servers, allow_reuse_address) and the hand-written process-per-connection and
 * thread-per-connection servers of 002, 003 and 004. All checks belong to issue 3 (networking).
 */

/** 001's numbered headings put a no-break space after the numeral. */
const SOCKETSERVER_001 = '九\u00a0利用socketserver实现并发';
const SOCKETSERVER_003 = '12. socketserver';
const POOLS_003 = '37. 进程池线程池';
const PROCESS_SERVER_002 = 'multiprocessing.Process多进程并发实现服务端和客户端socket简单通信';
const THREAD_SERVER_002 = 'threading.Thread多线程实现服务端客户端简单socket通信';

export const claims: Claim[] = [
  {
    id: 'socketserver.handle-per-connection',
    title: 'The server calls handle() of the BaseRequestHandler subclass once for each connection; the method must be named handle',
    topic: 'socketserver',
    source: from('networking', SOCKETSERVER_003, '# 必须是这个handle名字.'),
    kind: 'executable',
    level: 'MUST',
    capabilities: ['echo-upper-server'],
    tags: ['handler', 'also:003-继承的类固定的', 'also:001-九'],
    // Connections one after another, and two at once: each is served from its first byte by a handler of its own.
    check: everyConnectionServed({ protocol: 'echo-upper', model: 'threading' }),
  },
  {
    id: 'socketserver.request-is-conn',
    title: 'In a TCP handler self.request is the connected socket (what accept returns as conn) and self.client_address is the peer address',
    topic: 'socketserver',
    source: from('networking', SOCKETSERVER_003, '# self.request == conn管道'),
    kind: 'executable',
    level: 'MUST',
    capabilities: ['echo-upper-server'],
    tags: ['handler', 'also:001-<==>conn', 'also:001-<==> addr'],
    check: probeCheck({ protocol: 'echo-upper', model: 'threading' }, (target, t) => probeRequestIsConn(target, t.info)),
  },
  {
    id: 'socketserver.threading-concurrent',
    title: 'ThreadingTCPServer runs each connection\'s handle() in its own thread, so several clients are served at the same time',
    topic: 'socketserver',
    source: from('netStyle', SOCKETSERVER_001, '# 多线程;第一个参数,地址+端口;第二个参数,类'),
    kind: 'executable',
    level: 'MUST',
    capabilities: ['echo-upper-server'],
    tags: ['concurrency', 'also:003-12', 'black-box'],
    // A second client is answered while the first is still connected (judged by event order).
    check: probeCheck({ protocol: 'echo-upper', model: 'threading' }, (target) => probeConcurrency(target, 'concurrent')),
  },
  {
    id: 'socketserver.forking-per-process',
    title: 'ForkingTCPServer handles each connection in a forked child process (another pid), concurrently; it exists only where os.fork does (not on Windows)',
    topic: 'socketserver',
    source: from('netStyle', SOCKETSERVER_001, "# s = socketserver.ForkingTCPServer(('127.0.0.1', 8080), MyServer) # 多进程"),
    kind: 'executable',
    level: 'MUST',
    capabilities: ['echo-upper-server'],
    tags: ['concurrency', 'fork', 'platform-specific'],
    // Two clients connected at once are answered, each by a process of its own (pids from the identity query).
    check: probeCheck({ protocol: 'echo-upper', model: 'forking' }, (target, t) => probeProcessPerConnection(target, t.info)),
  },
  {
    id: 'socketserver.forking-costs-more',
    title: 'Serving connections with processes costs more than with threads (ForkingTCPServer vs ThreadingTCPServer)',
    topic: 'socketserver',
    source: from('netStyle', SOCKETSERVER_001, '多进程的开销大于多线程'),
    kind: 'executable',
    level: 'SHOULD',
    capabilities: ['echo-upper-server'],
    tags: ['performance', 'fork'],
    // Connections to a forking and a threading server in alternation; the median per connection is compared.
    check: forkingCostsMore,
  },
  {
    id: 'socketserver.udp-request-pair',
    title: 'In a UDP handler self.request is the pair (data, socket): the datagram and the server socket to reply with via sendto(..., self.client_address)',
    topic: 'socketserver',
    source: from('netStyle', SOCKETSERVER_001, 'self.request[1].sendto(self.request[0].upper(), self.client_address)'),
    kind: 'executable',
    level: 'MUST',
    capabilities: ['echo-upper-udp-server'],
    tags: ['handler', 'udp-server'],
    check: probeCheck({ protocol: 'echo-upper-udp' }, (target, t) => probeUdpRequestPair(target, t.info)),
  },
  {
    id: 'socketserver.mro',
    title: 'ThreadingTCPServer\'s MRO is ThreadingTCPServer, ThreadingMixIn, TCPServer, BaseServer: the mix-in comes first, so its threaded process_request wins',
    topic: 'socketserver',
    source: from('networking', SOCKETSERVER_003, '# [ThreadingTCPServer, ThreadingMixIn,TCPServer, BaseServer]'),
    kind: 'informational',
    reason:
      'A fact about CPython\'s class hierarchy, not behaviour an implementation shows; its observable effect is socketserver.threading-concurrent. Checked on python3 3.11: ThreadingTCPServer.mro() is [ThreadingTCPServer, ThreadingMixIn, TCPServer, BaseServer, object] (the comment leaves out object).',
    level: 'MUST',
    capabilities: [],
    tags: ['python-api'],
  },
  {
    id: 'socketserver.allow-reuse-address-too-late',
    title: 'Setting server.allow_reuse_address = True after constructing the server does nothing: the socket is already bound',
    topic: 'socketserver',
    source: from('networking', SOCKETSERVER_003, '# server.allow_reuse_address = True'),
    kind: 'contested',
    contest: {
      says: 'Setting allow_reuse_address = True on the server object (after ThreadingTCPServer(ip_port, MyServer)) lets it reuse the address.',
      actually:
        'TCPServer.__init__ calls server_bind() immediately, and server_bind reads allow_reuse_address before bind; setting the attribute afterwards changes nothing, and a restart during TIME_WAIT still fails in the constructor. It must be a class attribute set before construction (subclass, or ThreadingTCPServer.allow_reuse_address = True). Its default is False for TCPServer and ThreadingTCPServer.',
      evidence:
        'python3 3.11 on Linux: ThreadingTCPServer.allow_reuse_address is False; right after construction server.socket SO_REUSEADDR is 0 and stays 0 after setting the attribute; constructing ThreadingTCPServer on a port in TIME_WAIT raises OSError [Errno 98] Address already in use, while a subclass with allow_reuse_address = True binds (its listener having also set SO_REUSEADDR).',
    },
    level: 'MUST',
    capabilities: ['programs', 'reuseaddr-control'],
    tags: ['doc-bug', 'reuseaddr', 'time-wait'],
    // A program (socketserver-reuse-late): only an implementation that can bind without SO_REUSEADDR can show it (not Node).
    check: allowReuseAddressTooLate,
  },
  {
    id: 'socketserver.process-per-connection',
    title: 'An accept loop that hands each conn to a new Process serves clients concurrently (a hand-made socketserver)',
    topic: 'socketserver',
    source: from('basics', '利用Process模块实现socketserver', 'p = Process(target=handle_conn, args=(conn,))'),
    kind: 'executable',
    level: 'MUST',
    capabilities: ['echo-upper-server'],
    tags: ['concurrency', 'also:002'],
    // The reference's ForkingTCPServer is that accept loop: the listener accepts, a child process serves the conn.
    check: probeCheck({ protocol: 'echo-upper', model: 'forking' }, (target) => probeConcurrency(target, 'concurrent')),
  },
  {
    id: 'socketserver.listener-per-client',
    title: '002\'s servers make a new listening socket for every client and drop it after one accept, so clients that queue up meanwhile are reset or refused',
    topic: 'socketserver',
    source: from('procThreadCoro', PROCESS_SERVER_002, "conn, client_addr = server('127.0.0.1', 8080)"),
    kind: 'contested',
    contest: {
      says: 'Calling server(ip, port) in the loop (create, bind, listen, accept, return conn) and starting a process or thread per conn serves clients concurrently.',
      actually:
        'Each call builds a fresh listener and returns only conn; the listener is closed when the function returns (refcount, or the with-block in the 高大上版). Clients already completed in that listener\'s backlog are reset, and clients connecting between the close and the next listen() are refused. Connections that were accepted are served concurrently; a correct server listens once and loops on accept.',
      evidence:
        'python3 3.11 on Linux, 002\'s threading server run as written: two clients connect back to back; the first gets its echo b"HI0", the second\'s recv raises ConnectionResetError [Errno 104] Connection reset by peer.',
    },
    level: 'MUST',
    capabilities: ['echo-upper-server'],
    tags: ['doc-bug', 'concurrency', 'also:002-threading', 'also:002-高大上版'],
    // A server of the documents' shape (the reference's model listener-per-client; `--target-model listener-per-client` for others).
    check: probeCheck({ protocol: 'echo-upper', model: 'listener-per-client' }, (target) => probeQueuedClients(target)),
  },
  {
    id: 'socketserver.thread-per-connection',
    title: 'One listener plus a thread per accepted connection serves several clients at the same time',
    topic: 'socketserver',
    source: from('networking', POOLS_003, 't = Thread(target=communication,args=(conn,))'),
    kind: 'executable',
    level: 'MUST',
    capabilities: ['echo-upper-server'],
    tags: ['concurrency', 'also:002-threading'],
    // The reference's ThreadingTCPServer is that accept loop: one listener, a thread started per conn.
    check: probeCheck({ protocol: 'echo-upper', model: 'threading' }, (target) => probeConcurrency(target, 'concurrent')),
  },
  {
    id: 'socketserver.join-serializes',
    title: 'Joining each connection\'s thread before the next accept lets only one client be served at a time',
    topic: 'socketserver',
    source: from('procThreadCoro', THREAD_SERVER_002, '# t.join()   # 会导致只能同时一个客户端在线'),
    kind: 'executable',
    level: 'MUST',
    capabilities: ['echo-upper-server'],
    tags: ['concurrency', 'join'],
    check: probeCheck({ protocol: 'echo-upper', model: 'threading-joined' }, (target) => probeConcurrency(target, 'serial')),
  },
  {
    id: 'socketserver.simple-server-one-at-a-time',
    title: 'A single-threaded accept-then-serve loop takes the next client only after the current one disconnects; the next client\'s connect succeeds (listen backlog) but its request waits',
    topic: 'socketserver',
    source: from(
      'networking',
      POOLS_003,
      '简单的socket通信, 服务端必须与一个客户端交流完毕并且这个客户端断开连接之后,服务端才能接待下一个客户端.....',
    ),
    kind: 'executable',
    level: 'MUST',
    capabilities: ['echo-upper-server'],
    tags: ['concurrency', 'backlog', 'black-box'],
    // The second client connects (the backlog holds it) but is answered only once the first leaves.
    check: probeCheck({ protocol: 'echo-upper', model: 'serial' }, (target) => probeConcurrency(target, 'serial')),
  },
  {
    id: 'socketserver.handler-exception-isolated',
    title: 'An exception in one connection\'s handler ends only that connection (its client sees it closed); the server keeps serving other clients',
    topic: 'socketserver',
    source: from('netStyle', SOCKETSERVER_001, "print('错误提示:',EX)"),
    kind: 'executable',
    level: 'MUST',
    capabilities: ['echo-upper-server'],
    tags: ['errors', 'handler'],
    // The target's exceptionTrigger makes its handler raise; the connection must end and the next client be served.
    check: probeCheck({ protocol: 'echo-upper', model: 'threading' }, (target, t) =>
      probeHandlerException(target, typeof t.info['exceptionTrigger'] === 'string' ? { exceptionTrigger: Buffer.from(t.info['exceptionTrigger'], 'latin1') } : {}),
    ),
  },
];
