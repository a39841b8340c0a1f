import type { Claim } from './claim';
import { from } from './sources';
import * as checks from './checks/udp';

/**
 * UDP datagram sockets: message boundaries, truncation, empty datagrams, connectionless use,
 * one socket for many peers, and the UDP column of the documents' TCP/UDP table. The checks
 * are in checks/udp.ts.
 */

/** 001's numbered headings put a no-break space after the numeral. */
const STICKY = '八\u00a0什么是粘包?';
const TABLE = '4. TCP 与UDP的区别';

export const claims: Claim[] = [
  {
    id: 'udp.no-sticking',
    title: 'UDP keeps message boundaries: each recvfrom returns exactly one datagram, even when several are queued',
    topic: 'udp',
    source: from('netStyle', STICKY, '注:只有TCP有粘包现象,UDP永远不会粘包'),
    kind: 'executable',
    level: 'MUST',
    capabilities: ['udp'],
    tags: [
      'sticky-packets',
      'boundaries',
      'also:001-一个recvfrom(x)必须对唯一一个sendinto(y)',
      'also:001-不会使用块的合并优化算法',
      'also:003-数据有边界',
      'also:003-面向报文',
    ],
    check: checks.noSticking,
  },
  {
    id: 'udp.recvfrom-blocks',
    title: 'recvfrom on a blocking UDP socket waits until a datagram arrives',
    topic: 'udp',
    source: from('netStyle', STICKY, 'udp的recvfrom是阻塞的'),
    kind: 'executable',
    level: 'MUST',
    capabilities: ['udp'],
    tags: ['blocking', 'recv'],
    check: checks.recvfromBlocks,
  },
  {
    id: 'udp.oversized-datagram-truncated',
    title: 'recvfrom(x) on a datagram longer than x yields its first x bytes and the rest is lost, not kept for the next call (Linux truncates silently; Windows raises WSAEMSGSIZE instead)',
    topic: 'udp',
    source: from('netStyle', STICKY, '若是y>x数据就丢失'),
    kind: 'executable',
    level: 'MUST',
    capabilities: ['udp'],
    tags: ['truncation', 'boundaries', 'platform-specific'],
    check: checks.oversizedTruncated,
  },
  {
    id: 'udp.empty-datagram',
    title: 'An empty UDP datagram is still a message: sendto(b\'\') delivers one, and recvfrom returns (b\'\', sender) for it',
    topic: 'udp',
    source: from('netStyle', STICKY, '那也不是空消息,udp协议会帮你封装上消息头'),
    kind: 'executable',
    level: 'MUST',
    capabilities: ['udp'],
    tags: ['empty-message', 'boundaries'],
    check: checks.emptyDatagram,
  },
  {
    id: 'udp.connectionless',
    title: 'UDP is connectionless: no listen, accept or connect is needed, and sendto succeeds even when nobody is bound to the address',
    topic: 'udp',
    source: from('networking', TABLE, '面向无链接的通信服务'),
    kind: 'executable',
    level: 'MUST',
    capabilities: ['udp'],
    tags: ['table', 'connection', 'also:001-是无连接的', 'also:001-七-udp服务端'],
    check: checks.connectionless,
  },
  {
    id: 'udp.one-socket-many-peers',
    title: 'One bound UDP socket serves many peers: recvfrom reports each sender\'s address and sendto to that address answers the right one',
    topic: 'udp',
    source: from('networking', TABLE, '可以一对一,一对多'),
    kind: 'executable',
    level: 'MUST',
    capabilities: ['udp'],
    tags: ['table', 'addressing', 'also:001-由于UDP支持的是一对多的模式', 'also:003-11'],
    check: checks.oneSocketManyPeers,
  },
  {
    id: 'udp.may-drop',
    title: 'UDP is unreliable and has no flow control: when the receiver does not keep up, datagrams beyond its buffer are dropped silently while every sendto still succeeds',
    topic: 'udp',
    source: from('networking', TABLE, '不可靠,会丢包'),
    kind: 'executable',
    level: 'SHOULD',
    capabilities: ['udp'],
    tags: ['table', 'reliability', 'flow-control', 'also:001-但是会丢数据,不可靠'],
    check: checks.mayDrop,
  },
  {
    id: 'udp.no-order-guarantee',
    title: 'UDP does not guarantee the order of datagrams',
    topic: 'udp',
    source: from('networking', TABLE, '不保证数据顺序'),
    kind: 'informational',
    reason:
      'The absence of a guarantee cannot be shown by a run: on loopback Linux delivers datagrams in order, and reordering needs a real multi-path network or fault injection.',
    level: 'MUST',
    capabilities: [],
    tags: ['table', 'order'],
  },
  {
    id: 'udp.header-sizes',
    title: 'The UDP header is 8 bytes (the TCP header at least 20)',
    topic: 'udp',
    source: from('networking', TABLE, '报头8字节'),
    kind: 'informational',
    reason:
      'Headers are below the socket API. They show only indirectly: the largest IPv4 UDP payload is 65535 - 20 (IP) - 8 (UDP) = 65507 bytes (python3 3.11 on Linux: sendto of 65507 bytes works, 65508 raises OSError [Errno 90] Message too long).',
    level: 'MUST',
    capabilities: [],
    tags: ['table', 'header', 'also:003-报头至少20字节'],
  },
  {
    id: 'udp.skbuff-chain',
    title: 'The receiver\'s socket buffer (skbuff) keeps each arriving UDP packet as a separate link in a chain, with its source address and port',
    topic: 'udp',
    source: from('netStyle', STICKY, '所以接收端的skbuff(套接字缓冲区)采用了链式结构来记录每一个到达的UDP包'),
    kind: 'informational',
    reason: 'Linux kernel data structures are not observable through the socket API; their visible effect is udp.no-sticking.',
    level: 'MUST',
    capabilities: [],
    tags: ['kernel-internals', 'boundaries'],
  },
];
