/**
 * 003 §9's remote-command protocol as a client sees it: each command is answered by a 4-byte
 * length (struct.pack('i'), little-endian here), that many bytes of JSON header, then file_size
 * bytes of body. The probe reads everything with recv(1024), the way the documents' client does,
 * and records how each response split, for the framing claims' checks (spec/checks/framing-server.ts).
 */
import { runCommand } from '../../impl/examples/remote-command/command-table';
import type { StreamConnection } from '../../impl/net/stream-connection';
import { attempt, connectTo } from './probe-client';
import type { Target } from './probe-result';

/** The commands the probe runs: two longer than one recv(1024), a short one, an unknown one. */
export const PROBE_COMMANDS = ['dir', 'whoami', 'ipconfig', 'no-such-command'];

export interface FramedResponse {
  command: string;
  /** The 4 bytes before the header, hex. */
  prefixHex: string;
  /** What they say read as struct.unpack('<i') and as '!i'. */
  lengthLittle: number;
  lengthBig: number;
  /** The header bytes as UTF-8 text (as many as the little-endian length said). */
  headerText: string;
  /** The header's fields, or null when it did not parse as a JSON object. */
  header: { [key: string]: unknown } | null;
  bodyLength: number;
  /** recv(1024) calls the whole response (length, header, body) took. */
  recvs: number;
  /** Bytes the first recv(1024) of the response returned (more than 4: the sends stuck together). */
  firstChunk: number;
  /** The body is the reference table's output for the command (only meaningful for the reference's table). */
  matchesTable: boolean;
  error?: string;
}

/** Reads one response with recv(1024) calls only, keeping what it learns on the way. */
async function readResponse(conn: StreamConnection, command: string, timeout: number): Promise<FramedResponse> {
  const record: FramedResponse = { command, prefixHex: '', lengthLittle: -1, lengthBig: -1, headerText: '', header: null, bodyLength: 0, recvs: 0, firstChunk: 0, matchesTable: false };
  let held = Buffer.alloc(0);
  let recvs = 0;
  const fill = async (n: number) => {
    while (held.length < n) {
      const chunk = await conn.recv(1024, { timeout });
      if (chunk.length === 0) throw new Error(`the server closed after ${held.length} bytes of the response`);
      if (recvs === 0) record.firstChunk = chunk.length;
      recvs++;
      held = Buffer.concat([held, chunk]);
    }
  };
  await fill(4);
  record.prefixHex = held.subarray(0, 4).toString('hex');
  record.lengthLittle = held.readInt32LE(0);
  record.lengthBig = held.readInt32BE(0);
  if (record.lengthLittle <= 0 || record.lengthLittle > 64 * 1024) throw new Error(`the header length ${record.lengthLittle} is not plausible`);
  await fill(4 + record.lengthLittle);
  record.headerText = held.subarray(4, 4 + record.lengthLittle).toString('utf8');
  const parsed = JSON.parse(record.headerText) as unknown;
  record.header = parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as { [key: string]: unknown }) : null;
  const size = typeof record.header?.['file_size'] === 'number' ? record.header['file_size'] : 0;
  await fill(4 + record.lengthLittle + size);
  record.recvs = recvs;
  const body = held.subarray(4 + record.lengthLittle, 4 + record.lengthLittle + size);
  record.bodyLength = body.length;
  record.matchesTable = body.equals(runCommand(command));
  if (held.length > 4 + record.lengthLittle + size) throw new Error(`${held.length - 4 - record.lengthLittle - size} bytes came after the announced body`);
  return record;
}

/** Runs each command on one connection and records every response; stops at the first that breaks. */
export async function probeFramedCommands(target: Target, timeout = 10): Promise<FramedResponse[]> {
  const connected = await attempt(() => connectTo(target, timeout));
  if (!connected.ok) throw new Error(`cannot connect: ${connected.error}`);
  const conn = connected.value;
  const responses: FramedResponse[] = [];
  try {
    for (const command of PROBE_COMMANDS) {
      await conn.sendall(Buffer.from(command, 'utf8'));
      try {
        responses.push(await readResponse(conn, command, timeout));
      } catch (error) {
        responses.push({ command, prefixHex: '', lengthLittle: -1, lengthBig: -1, headerText: '', header: null, bodyLength: 0, recvs: 0, firstChunk: 0, matchesTable: false, error: (error as Error).message });
        break;
      }
    }
  } finally {
    conn.close();
  }
  return responses;
}
