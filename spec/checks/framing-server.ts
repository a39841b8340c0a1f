import type { Judgement, ServerCheck } from '../claim';
import type { Json } from '../../harness/scenario/model';
import { probeFramedCommands, type FramedResponse } from '../../harness/net-probes/framed-command-probe';
import { probeUpload, type UploadRecord } from '../../harness/net-probes/upload-probe';

/**
 * The framing claims judged on a remote-command server (003 §9) and an upload server (003 §10)
 * over the network: the probes record how each response split (harness/net-probes), and each
 * claim's judge below reads what it is about from the records.
 */

const evidenceOf = (responses: FramedResponse[]): Json =>
  responses.map((r) => ({ command: r.command, prefix: r.prefixHex, headerLength: r.lengthLittle, file_size: (r.header?.['file_size'] as Json) ?? null, body: r.bodyLength, recvs: r.recvs, firstChunk: r.firstChunk, ...(r.error ? { error: r.error } : {}) }));

function broken(responses: FramedResponse[]): Judgement | null {
  const bad = responses.find((r) => r.error !== undefined);
  return bad === undefined ? null : { ok: false, message: `the response to ${JSON.stringify(bad.command)} could not be split: ${bad.error}`, evidence: evidenceOf(responses) };
}

/** Every response starts with 4 bytes that, read as struct.unpack('i') (little-endian), give the length of the JSON header after them. */
export function judgeLengthPrefix(responses: FramedResponse[]): Judgement {
  const fail = broken(responses);
  if (fail) return fail;
  const bad = responses.find((r) => r.prefixHex.length !== 8 || r.header === null || Buffer.byteLength(r.headerText) !== r.lengthLittle);
  if (bad) return { ok: false, message: `the 4-byte prefix of ${JSON.stringify(bad.command)}'s response does not give its header's length`, evidence: evidenceOf(responses) };
  return { ok: true, message: `each of ${responses.length} responses began with a 4-byte little-endian int32 giving its JSON header's length (e.g. ${responses[0]!.prefixHex} = ${responses[0]!.lengthLittle})`, evidence: evidenceOf(responses) };
}

/** Length, header and body split every response exactly: no byte of one response is taken for the next. */
export function judgeLengthHeaderBody(responses: FramedResponse[]): Judgement {
  const fail = broken(responses);
  if (fail) return fail;
  const bad = responses.find((r) => r.header === null || r.bodyLength !== r.header['file_size']);
  if (bad) return { ok: false, message: `the response to ${JSON.stringify(bad.command)} did not split into length, header and file_size bytes of body`, evidence: evidenceOf(responses) };
  const stuck = responses.filter((r) => r.firstChunk > 4).length;
  return { ok: true, message: `${responses.length} responses split exactly into length, header and body (in ${stuck} of them the first recv(1024) returned more than the 4-byte length: the sends stuck together)`, evidence: evidenceOf(responses) };
}

/** The header is a JSON object with file_name, file_size and md5, and file_size is the body's length in bytes. */
export function judgeJsonHeader(responses: FramedResponse[]): Judgement {
  const fail = broken(responses);
  if (fail) return fail;
  for (const r of responses) {
    const missing = ['file_name', 'file_size', 'md5'].filter((k) => r.header === null || !(k in r.header));
    if (missing.length > 0) return { ok: false, message: `the header for ${JSON.stringify(r.command)} lacks ${missing.join(', ')}: ${r.headerText.slice(0, 120)}`, evidence: evidenceOf(responses) };
    if (r.header!['file_size'] !== r.bodyLength) return { ok: false, message: `file_size ${String(r.header!['file_size'])} is not the body's ${r.bodyLength} bytes`, evidence: evidenceOf(responses) };
  }
  return { ok: true, message: 'every header decoded from UTF-8 JSON into file_name, file_size and md5, with file_size the body length in bytes', evidence: evidenceOf(responses) };
}

/** Responses longer than 1024 bytes take several recv(1024) calls, and the loop still ends with the whole body. */
export function judgeRecvUntilSize(responses: FramedResponse[]): Judgement {
  const fail = broken(responses);
  if (fail) return fail;
  const long = responses.filter((r) => r.bodyLength > 1024);
  if (long.length === 0) throw new Error('no response had a body longer than 1024 bytes: nothing to judge');
  const bad = long.find((r) => r.recvs < 2 || r.bodyLength !== r.header?.['file_size']);
  if (bad) return { ok: false, message: `the ${bad.bodyLength}-byte body of ${JSON.stringify(bad.command)} ${bad.recvs < 2 ? 'came in one recv(1024)' : 'did not arrive whole'}`, evidence: evidenceOf(responses) };
  return { ok: true, message: `looping on recv(1024) until file_size bytes gave whole bodies of ${long.map((r) => `${r.bodyLength} bytes in ${r.recvs} calls`).join(', ')}`, evidence: evidenceOf(responses) };
}

/** The server stored exactly file_size bytes, byte for byte (when its upload directory is known) and with a matching md5. */
export function judgeUpload(record: UploadRecord): Judgement {
  const evidence = record as unknown as Json;
  if (record.error !== undefined || record.receipt === null) return { ok: false, message: `the upload failed: ${record.error ?? 'no receipt'}`, evidence };
  if (record.receipt.received !== record.size) return { ok: false, message: `the server received ${record.receipt.received} of ${record.size} bytes`, evidence };
  if (!record.receipt.md5_ok) return { ok: false, message: 'the server found the md5 did not match', evidence };
  if (record.storedEqual === false) return { ok: false, message: 'the stored file differs from the one sent', evidence };
  return { ok: true, message: `a ${record.size}-byte file sent in 1024-byte chunks was stored whole${record.storedEqual ? ', byte for byte' : ''}, md5 matching`, evidence };
}

const remoteCommand = (judge: (responses: FramedResponse[]) => Judgement): ServerCheck => ({
  type: 'server',
  server: { protocol: 'remote-command' },
  probe: async (target) => judge(await probeFramedCommands([target.host, target.port])),
});

export const lengthPrefix = remoteCommand(judgeLengthPrefix);
export const lengthHeaderBody = remoteCommand(judgeLengthHeaderBody);
export const jsonHeader = remoteCommand(judgeJsonHeader);
export const recvUntilSize = remoteCommand(judgeRecvUntilSize);
export const upload: ServerCheck = {
  type: 'server',
  server: { protocol: 'upload' },
  probe: async (target, ctx) => judgeUpload(await probeUpload([target.host, target.port], target.info, ctx.seed)),
};
