import type { Claim } from './claim';
import { from } from './sources';
import { hmacChallenge, othersRejected } from './checks/auth-server';

/**
 * Client authentication with a shared secret: the server sends a random challenge, the client
 * answers with hmac(secret, challenge), the server compares. 001 keeps only the sentence and the
 * headings; its code was lost. Judged over the network on an HMAC-guarded echo-upper server.
 */

/** 001's numbered headings put a no-break space after the numeral. */
const AUTH = '十\u00a0认证客户端的合法性';

export const claims: Claim[] = [
  {
    id: 'auth.hmac-challenge',
    title: 'HMAC with a salt (a random challenge per connection) authenticates a client that holds the shared key, without SSL',
    topic: 'auth',
    source: from(
      'netStyle',
      AUTH,
      '如果想在分布式系统中实现一个简单的客户端链接认证功能,又不像SSL那么复杂,那么可以利用hmac+加盐的方法来实现。',
    ),
    kind: 'executable',
    level: 'MUST',
    capabilities: ['hmac-echo-upper-server'],
    tags: ['hmac', 'challenge-response'],
    check: hmacChallenge,
  },
  {
    id: 'auth.others-rejected',
    title: 'Only the client with the right key passes; a client with a wrong key, or one that replays an answer to an earlier challenge, is rejected',
    topic: 'auth',
    source: from('netStyle', AUTH, '客户端(合法,其他均为非法)'),
    kind: 'executable',
    level: 'MUST',
    capabilities: ['hmac-echo-upper-server'],
    tags: ['hmac', 'challenge-response', 'replay'],
    check: othersRejected,
  },
  {
    id: 'auth.not-a-replacement-for-ssl',
    title: 'HMAC challenge-response is simpler than SSL but only proves the client knows the key: the traffic after it is neither encrypted nor protected',
    topic: 'auth',
    source: from('netStyle', AUTH, '又不像SSL那么复杂'),
    kind: 'informational',
    reason:
      'A statement about what the scheme is for; confidentiality and integrity of the later traffic are outside what the document\'s scheme provides, so there is nothing of it to run.',
    level: 'SHOULD',
    capabilities: [],
    tags: ['hmac', 'security'],
  },
];
