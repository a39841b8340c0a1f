/**
 * 003 §10's file upload, with the documents' bugs fixed: the client sends the 4-byte header
 * length, the JSON header (file_name, file_size, md5, new_file_name), then the file in 1024-byte
 * chunks; the server reads exactly file_size bytes (stopping with an error if the client closes
 * early, where the documents' loop would spin), checks the md5, writes the file into its upload
 * directory and answers with a length-framed JSON receipt. Several files may follow on one
 * connection. Bad framing ends that connection only: the handler raises, the server closes it
 * and goes on serving the others.
 */
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { fileHeaderFor, md5Hex } from '../../net/file-header';
import { HeaderFrameDecoder, LengthFrameDecoder } from '../../net/frame-decoder';
import { receiveFrame, sendLengthFrame } from '../../net/framed-connection';
import { headerFrameParts } from '../../net/framing';
import { BaseRequestHandler } from '../../net/socketserver/request-handler';
import type { StreamConnection } from '../../net/stream-connection';

export interface UploadReceipt {
  file_name: string;
  stored_as: string;
  received: number;
  md5_ok: boolean;
}

/** `context: { uploadDir }`: where the server writes files (only base names are used). */
export interface UploadContext {
  uploadDir: string;
}

export class UploadHandler extends BaseRequestHandler {
  override async handle(): Promise<void> {
    const { uploadDir } = this.server.context as unknown as UploadContext;
    // md5 is checked here, not by the decoder, so a mismatch is reported rather than fatal.
    const decoder = new HeaderFrameDecoder({ headerMode: 'lenient', maxBodyBytes: 16 * 1024 * 1024 });
    for (;;) {
      const message = await receiveFrame(this.request, decoder, { bufsize: 1024 });
      if (message === null) return; // the client closed between files
      const wanted = typeof message.header['new_file_name'] === 'string' ? message.header['new_file_name'] : (message.header.file_name ?? 'upload');
      const storedAs = path.basename(wanted) || 'upload';
      await fs.writeFile(path.join(uploadDir, storedAs), message.body);
      const receipt: UploadReceipt = {
        file_name: message.header.file_name ?? '',
        stored_as: storedAs,
        received: message.body.length,
        md5_ok: message.header.md5 === undefined || message.header.md5.toLowerCase() === md5Hex(message.body),
      };
      await sendLengthFrame(this.request, Buffer.from(JSON.stringify(receipt)));
    }
  }
}

/**
 * The upload client: header frame first, then the body in `chunkSize` pieces, each with
 * sendall (the documents' client.send may send part of a chunk). Resolves with the receipt.
 */
export async function uploadFile(conn: StreamConnection, fileName: string, body: Uint8Array, options: { newFileName?: string; chunkSize?: number; timeout?: number } = {}): Promise<UploadReceipt> {
  const header = fileHeaderFor(fileName, body, options.newFileName ? { new_file_name: options.newFileName } : {});
  const parts = headerFrameParts(header, body);
  await conn.sendall(parts.prefix);
  await conn.sendall(parts.header);
  const chunk = options.chunkSize ?? 1024;
  for (let offset = 0; offset < body.length; offset += chunk) await conn.sendall(body.subarray(offset, offset + chunk));
  const receipt = await receiveFrame(conn, new LengthFrameDecoder({ maxFrameBytes: 64 * 1024 }), { timeout: options.timeout ?? 20 });
  if (receipt === null) throw new Error('the server closed the connection instead of sending a receipt');
  return JSON.parse(receipt.toString('utf8')) as UploadReceipt;
}

