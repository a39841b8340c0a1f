import type { Claim } from './claim';
import { from } from './sources';
import * as pitfalls from './checks/framing-pitfalls';
import * as framed from './checks/framing-server';

/**
 * Fixing sticky packets by framing: a fixed 4-byte length, a JSON header with the body size,
 * then the body; the file-upload example; and the bugs the documents' framing code carries.
 * The bugs are shown with plain socket ops (checks/framing-pitfalls.ts); the framed protocol
 * itself is judged over the network on a remote-command and an upload server (checks/framing-server.ts).
 */

const FIX = '9. 解决黏包的方案';
const UPLOAD = '10.文件的上传';

export const claims: Claim[] = [
  {
    id: 'framing.length-prefix-4-bytes',
    title: "struct.pack('i', n) is always 4 bytes and struct.unpack('i', ...)[0] gives n back; 'i' means native byte order and C-int size, so both ends must share them ('!i' would be portable) and n above 2**31-1 raises struct.error",
    topic: 'framing',
    source: from('networking', FIX, '# 5.将bytes报头长度转换成固定长度字节(4字节)'),
    kind: 'executable',
    level: 'MUST',
    capabilities: ['remote-command-server'],
    tags: ['struct', 'length-prefix', 'platform-specific', 'also:003-10'],
    // On the wire; struct's range and byte-order rules are unit-tested in test/net/length-prefix.test.ts.
    check: framed.lengthPrefix,
  },
  {
    id: 'framing.length-header-body',
    title: 'Sending a 4-byte header length, the JSON header, then the body lets the receiver split every response exactly, although the three sends stick together on the wire',
    topic: 'framing',
    source: from('networking', FIX, '# 6.发送固定的字节长度(4字节)- 字典的字节大小'),
    kind: 'executable',
    level: 'MUST',
    capabilities: ['remote-command-server'],
    tags: ['sticky-packets', 'length-prefix', 'remote-command'],
    check: framed.lengthHeaderBody,
  },
  {
    id: 'framing.json-header',
    title: 'The JSON header (file_name, file_size, md5) survives dumps/encode/decode/loads unchanged, and file_size is the body length in bytes',
    topic: 'framing',
    source: from('networking', FIX, "'file_size':len(result)"),
    kind: 'executable',
    level: 'MUST',
    capabilities: ['remote-command-server'],
    tags: ['json-header', 'also:003-10'],
    check: framed.jsonHeader,
  },
  {
    id: 'framing.recv-until-size',
    title: 'The receiver loops on recv(1024) until it holds file_size bytes, so a body of any size arrives whole',
    topic: 'framing',
    source: from('networking', FIX, "while len(total_data) < dict_data['file_size']:"),
    kind: 'executable',
    level: 'MUST',
    capabilities: ['remote-command-server'],
    tags: ['recv-loop', 'length-prefix'],
    check: framed.recvUntilSize,
  },
  {
    id: 'framing.upload',
    title: 'The upload example: the client sends the 4-byte length, the header, then the file in 1024-byte chunks until read() is empty; the server writes exactly file_size bytes and gets the file byte for byte',
    topic: 'framing',
    source: from('networking', UPLOAD, "while total_size < head_dic['file_size']:"),
    kind: 'executable',
    level: 'MUST',
    capabilities: ['upload-server'],
    tags: ['upload', 'recv-loop', 'length-prefix'],
    check: framed.upload,
  },
  {
    id: 'framing.header-single-recv',
    title: 'A single recv(n) for the length or the header may return fewer than n bytes; the code only works while the header happens to arrive whole',
    topic: 'framing',
    source: from('networking', FIX, "dict_data = phone.recv(dict_size).decode('utf-8')"),
    kind: 'contested',
    contest: {
      says:
        'After reading the 4-byte length, one recv(dict_size) (one conn.recv(head_len) in the upload server, one recv(4) for the length itself) returns the whole header.',
      actually:
        'recv(n) returns at most n bytes: whatever has arrived. If the header is split across segments or the sender is slow, recv returns a prefix, json.loads fails, and the rest of the header is then taken as body. The receiver must loop until it has exactly n bytes (or use MSG_WAITALL / makefile().read(n)). On loopback with small headers the bug rarely shows, which is why it survives in course notes.',
      evidence:
        'python3 3.11 on Linux, loopback: sender writes struct.pack("i", 46) and then only the first 10 bytes of a 46-byte JSON header; the receiver\'s recv(46) returns 10 bytes and json.loads raises JSONDecodeError.',
    },
    level: 'MUST',
    capabilities: ['tcp'],
    tags: ['doc-bug', 'recv', 'also:003-10-conn.recv(head_len)'],
    check: pitfalls.headerSingleRecv,
  },
  {
    id: 'framing.body-loop-ignores-eof',
    title: 'The body loop never checks for b\'\': if the peer closes before file_size bytes arrive it spins forever',
    topic: 'framing',
    source: from('networking', FIX, 'total_data += phone.recv(1024)'),
    kind: 'contested',
    contest: {
      says: 'Looping on recv(1024) until len(total_data) reaches file_size receives the body.',
      actually:
        'Only if the peer stays alive. Once the peer has closed, recv returns b\'\' at once on every call, so the loop never reaches file_size and busy-spins (the upload server likewise writes b\'\' to the file forever). The loop must stop on b\'\' and report a truncated body. It also reads a full 1024 bytes even when fewer remain, which would swallow the start of a following message if the sender ever pipelined.',
      evidence:
        'python3 3.11 on Linux, loopback: after the peer close()s, recv(1024) returns b\'\' immediately and keeps returning b\'\' on each later call.',
    },
    level: 'MUST',
    capabilities: ['tcp'],
    tags: ['doc-bug', 'recv-loop', 'close', 'also:003-10'],
    check: pitfalls.bodyLoopIgnoresEof,
  },
  {
    id: 'framing.send-not-sendall',
    title: 'conn.send(result) may send only part of a large body; the framing relies on all file_size bytes going out, which only sendall guarantees',
    topic: 'framing',
    source: from('networking', FIX, 'conn.send(result)'),
    kind: 'contested',
    contest: {
      says: 'One conn.send(result) sends the whole command output announced as file_size (the upload client likewise uses client.send for each chunk).',
      actually:
        'socket.send returns how many bytes it queued and may queue fewer than given; the CPython docs say the application must check and send the rest, or use sendall. On Linux a blocking socket without a timeout happens to queue everything, but with a timeout (settimeout) or a non-blocking socket a large send is partial, and the receiver waiting for file_size bytes then hangs.',
      evidence:
        'python3 3.11 on Linux, loopback, peer not reading: sock.settimeout(0.5); sock.send(64 MiB) returned 3919467. CPython docs, socket.send: "Applications are responsible for checking that all data has been sent".',
    },
    level: 'MUST',
    capabilities: ['tcp'],
    tags: ['doc-bug', 'send', 'also:003-10-client.send(every_data)'],
    check: pitfalls.sendNotSendall,
  },
  {
    id: 'framing.md5-unchecked',
    title: 'The header\'s md5 is never computed or verified: the upload server only notes "there is an MD5 check"',
    topic: 'framing',
    source: from('networking', UPLOAD, '# 有一个MD5校验'),
    kind: 'contested',
    contest: {
      says: 'The header carries an md5 and the upload server has an MD5 check, so a damaged file would be caught.',
      actually:
        'No digest is computed or compared anywhere: the upload client sends the constant \'MD5\': 123244546656 and the remote-command server \'md5\': "asdfghjgkj". A real check needs hashlib.md5 over the file on both sides and a comparison after the body loop (TCP\'s own checksum already guards transit; the md5 guards the file end to end).',
      evidence: 'Reading 003 §9 and §10: the only md5 occurrences are the two constant header values and the comment; no hashlib import exists in either program.',
    },
    level: 'MUST',
    capabilities: [],
    tags: ['doc-bug', 'json-header', 'upload'],
  },
  {
    id: 'framing.lost-fixes',
    title: '001 announces two sticky-packet fixes (方法一, 方法二) whose code did not survive in the page',
    topic: 'framing',
    source: from('netStyle', '八\u00a0什么是粘包?', '粘包解决方案:'),
    kind: 'informational',
    reason: 'Only the headings 方法一/方法二 and 基于TCP服务端/客户端 remain; there is no code or statement to test. 003 §9 and §10 give the length-prefixed fix that is tested here.',
    level: 'MUST',
    capabilities: [],
    tags: ['sticky-packets', 'lost-content'],
  },
];
