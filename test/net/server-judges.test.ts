// The judges of the issue-3 server checks, on hand-written probe records.
import { judgeRequestIsConn, judgeSeparateProcesses } from '../../harness/net-probes/identity-probe';
import { judgeQueuedClients } from '../../harness/net-probes/queued-client-probe';
import { judgeUdpRequestPair } from '../../harness/net-probes/udp-echo-probe';
import type { FramedResponse } from '../../harness/net-probes/framed-command-probe';
import type { AuthAttempt } from '../../harness/net-probes/hmac-probe';
import { judgeJsonHeader, judgeLengthHeaderBody, judgeLengthPrefix, judgeRecvUntilSize, judgeUpload } from '../../spec/checks/framing-server';
import { judgeLegitimateAccepted, judgeOthersRejected } from '../../spec/checks/auth-server';
import { judgeForkingCostsMore, judgeIdleSelect, judgeSelectAdvantageIsScale } from '../../spec/checks/server-measurements';
import { judgeEveryConnection } from '../../spec/checks/server-probes';

describe('identity judges', () => {
  test('request-is-conn passes when the handler saw the client\'s own address', () => {
    expect(judgeRequestIsConn(['127.0.0.1', 5000], 'THROUGH SELF.REQUEST', ['127.0.0.1', 5000]).verdict).toBe('pass');
    expect(judgeRequestIsConn(['127.0.0.1', 5000], 'THROUGH SELF.REQUEST', ['127.0.0.1', 5001]).verdict).toBe('fail');
    expect(judgeRequestIsConn(['127.0.0.1', 5000], 'through self.request', ['127.0.0.1', 5000]).verdict).toBe('fail');
  });
  test('process per connection needs distinct pids, none the server\'s', () => {
    const by = (pid: number) => ({ client_address: ['127.0.0.1', 1] as [string, number], pid, thread: 0 });
    expect(judgeSeparateProcesses([by(11), by(12)], 10).verdict).toBe('pass');
    expect(judgeSeparateProcesses([by(11), by(11)], 10).verdict).toBe('fail');
    expect(judgeSeparateProcesses([by(10), by(12)], 10).verdict).toBe('fail');
    expect(judgeSeparateProcesses([by(11), by(12)], null).verdict).toBe('pass');
  });
});

describe('udp request pair', () => {
  const server = '127.0.0.1:9';
  test('each client its own upper-cased datagram from the server socket', () => {
    expect(judgeUdpRequestPair([{ client: '127.0.0.1:1', sent: 'ab', reply: 'AB', from: server }, { client: '127.0.0.1:1', sent: 'identity query', reply: '{"client_address":["127.0.0.1",1]}', from: server }], server).verdict).toBe('pass');
  });
  test('a missing answer, a reply from elsewhere, or another client\'s address fail', () => {
    expect(judgeUdpRequestPair([{ client: 'a', sent: 'ab', reply: null, from: null }], server).verdict).toBe('fail');
    expect(judgeUdpRequestPair([{ client: 'a', sent: 'ab', reply: 'AB', from: '127.0.0.1:10' }], server).verdict).toBe('fail');
    expect(judgeUdpRequestPair([{ client: '127.0.0.1:1', sent: 'identity query', reply: '{"client_address":["127.0.0.1",2]}', from: server }], server).verdict).toBe('fail');
  });
});

test('listener per client: the queued client must not be served', () => {
  expect(judgeQueuedClients({ first: 'HI0', second: 'ConnectionResetError: reset' }).verdict).toBe('pass');
  expect(judgeQueuedClients({ first: 'HI0', second: 'HI1' }).verdict).toBe('fail');
  expect(judgeQueuedClients({ first: 'ConnectionRefusedError', second: 'HI1' }).verdict).toBe('inconclusive');
});

test('every connection served', () => {
  const pass = { probe: 'echo-upper', verdict: 'pass' as const, message: '', evidence: null };
  expect(judgeEveryConnection([pass, pass]).ok).toBe(true);
  expect(judgeEveryConnection([pass, { ...pass, verdict: 'fail', message: 'no echo' }]).ok).toBe(false);
});

describe('framing judges', () => {
  const header = { file_name: 'dir', file_size: 2000, md5: 'x' };
  const text = JSON.stringify(header);
  const good: FramedResponse = { command: 'dir', prefixHex: '00000000', lengthLittle: Buffer.byteLength(text), lengthBig: 0, headerText: text, header, bodyLength: 2000, recvs: 3, firstChunk: 1024, matchesTable: true };
  test('a well-framed response passes every judge', () => {
    for (const judge of [judgeLengthPrefix, judgeLengthHeaderBody, judgeJsonHeader, judgeRecvUntilSize]) expect(judge([good]).ok).toBe(true);
  });
  test('a length that is not the header\'s fails the prefix judge', () => {
    expect(judgeLengthPrefix([{ ...good, lengthLittle: 3 }]).ok).toBe(false);
  });
  test('a body shorter than file_size fails the split and header judges', () => {
    expect(judgeLengthHeaderBody([{ ...good, bodyLength: 1999 }]).ok).toBe(false);
    expect(judgeJsonHeader([{ ...good, bodyLength: 1999 }]).ok).toBe(false);
  });
  test('a header without md5 fails; a response that broke fails them all', () => {
    expect(judgeJsonHeader([{ ...good, header: { file_name: 'dir', file_size: 2000 } }]).ok).toBe(false);
    expect(judgeLengthPrefix([{ ...good, error: 'closed' }]).ok).toBe(false);
  });
  test('recv-until-size needs a long body and several recvs', () => {
    expect(judgeRecvUntilSize([{ ...good, recvs: 1 }]).ok).toBe(false);
    expect(() => judgeRecvUntilSize([{ ...good, bodyLength: 10, header: { ...header, file_size: 10 } }])).toThrow(/nothing to judge/);
  });
  test('upload judge', () => {
    const record = { fileName: 'f', size: 10, md5: 'm', receipt: { received: 10, md5_ok: true, stored_as: 'f' }, storedEqual: true };
    expect(judgeUpload(record).ok).toBe(true);
    expect(judgeUpload({ ...record, receipt: { ...record.receipt, received: 9 } }).ok).toBe(false);
    expect(judgeUpload({ ...record, storedEqual: false }).ok).toBe(false);
    expect(judgeUpload({ ...record, receipt: null, error: 'reset' }).ok).toBe(false);
  });
});

describe('auth judges', () => {
  const a = (attempt: AuthAttempt['attempt'], verdict: string, challenge: string, servedAfter: boolean | null = null): AuthAttempt => ({ attempt, verdict, challenge, servedAfter });
  const good = [a('legitimate', 'ok', 'c1', true), a('wrong-key', 'denied', 'c2'), a('replayed-answer', 'denied', 'c3'), a('truncated-answer', 'closed', 'c4'), a('legitimate-afterwards', 'ok', 'c5', true)];
  test('the expected record passes both', () => {
    expect(judgeLegitimateAccepted(good).ok).toBe(true);
    expect(judgeOthersRejected(good).ok).toBe(true);
  });
  test('a repeated challenge or a refused legitimate client fails the first', () => {
    expect(judgeLegitimateAccepted(good.map((x) => ({ ...x, challenge: 'same' }))).ok).toBe(false);
    expect(judgeLegitimateAccepted([a('legitimate', 'denied', 'c1')]).ok).toBe(false);
  });
  test('an accepted impostor, or a server that stops serving, fails the second', () => {
    expect(judgeOthersRejected(good.map((x) => (x.attempt === 'replayed-answer' ? { ...x, verdict: 'ok' } : x))).ok).toBe(false);
    expect(judgeOthersRejected(good.map((x) => (x.attempt === 'legitimate-afterwards' ? { ...x, verdict: 'closed' } : x))).ok).toBe(false);
  });
});

describe('measurement judges (ratios only)', () => {
  test('forking costs more: medians, ratio above 1.2', () => {
    expect(judgeForkingCostsMore({ server: [300, 900, 310], baseline: [100, 120, 2000] }).ok).toBe(true);
    expect(judgeForkingCostsMore({ server: [110, 100, 105], baseline: [100, 100, 100] }).ok).toBe(false);
  });
  test('select advantage must grow with connections', () => {
    expect(judgeSelectAdvantageIsScale({ perExchangeMs: 1, manyClientsMs: 100 }, { perExchangeMs: 1, manyClientsMs: 500 }).ok).toBe(true);
    expect(judgeSelectAdvantageIsScale({ perExchangeMs: 1, manyClientsMs: 500 }, { perExchangeMs: 1, manyClientsMs: 500 }).ok).toBe(false);
  });
  test('an idle select uses little CPU', () => {
    expect(judgeIdleSelect({ wallSeconds: 1.5, cpuSeconds: 0.02 }).ok).toBe(true);
    expect(judgeIdleSelect({ wallSeconds: 1.5, cpuSeconds: 1.4 }).ok).toBe(false);
  });
});
