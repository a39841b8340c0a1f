// Framed messages survive any slicing: through the relay's re-chunking (seeded), the decoder on
// the other side gets exactly the messages that were sent, and the framed remote-command client
// gets exactly each command's answer.
import fc from 'fast-check';
import * as net from 'node:net';
import { ChaosRelay, latency, rechunk } from '../../harness/chaos';
import { runCommand } from '../../impl/examples/remote-command/command-table';
import { FramedRemoteCommandClient, FramedRemoteCommandHandler } from '../../impl/examples/remote-command/framed-protocol';
import { fileHeaderFor } from '../../impl/net/file-header';
import { HeaderFrameDecoder } from '../../impl/net/frame-decoder';
import type { FramedMessage } from '../../impl/net/framing';
import { sendHeaderFrame } from '../../impl/net/framed-connection';
import type { LenientFileHeader } from '../../impl/net/file-header';
import { TCPServer } from '../../impl/net/socketserver';
import { StreamConnection } from '../../impl/net/stream-connection';
import { expectNoLeaks, snapshot, type ResourceSnapshot } from '../net/helpers/leaks';

let atStart: ResourceSnapshot;
beforeAll(() => {
  atStart = snapshot();
});
afterAll(async () => {
  await expectNoLeaks(atStart);
});

/** A server that decodes header frames from each connection and resolves with them at EOF. */
async function decodingServer() {
  const results: Promise<{ messages: FramedMessage<LenientFileHeader>[]; error: string | null }>[] = [];
  const server = net.createServer((socket) => {
    socket.on('error', () => undefined);
    results.push(
      new Promise((resolve) => {
        const decoder = new HeaderFrameDecoder({ verifyMd5: true });
        const messages: FramedMessage<LenientFileHeader>[] = [];
        socket.on('data', (chunk) => {
          try {
            messages.push(...decoder.push(chunk));
          } catch (error) {
            resolve({ messages, error: (error as Error).message });
            socket.destroy();
          }
        });
        socket.on('end', () => {
          try {
            messages.push(...decoder.finish());
            resolve({ messages, error: null });
          } catch (error) {
            resolve({ messages, error: (error as Error).message });
          }
          socket.end();
        });
      }),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { port: (server.address() as net.AddressInfo).port, results, close: () => new Promise<void>((r) => server.close(() => r())) };
}

test('any messages, any seed, any slice sizes: the receiver decodes exactly what was sent', async () => {
  const server = await decodingServer();
  const message = fc.record({ name: fc.string({ maxLength: 12 }), body: fc.uint8Array({ maxLength: 3000 }) });
  await fc.assert(
    fc.asyncProperty(fc.array(message, { minLength: 1, maxLength: 6 }), fc.integer({ min: 0, max: 2 ** 31 - 1 }), fc.integer({ min: 1, max: 200 }), async (messages, seed, maxSlice) => {
      const relay = await ChaosRelay.start({ target: ['127.0.0.1', server.port], seed, faults: [rechunk({ maxSlice, gapMs: 0 })], protocols: ['tcp'] });
      const client = await StreamConnection.connect('127.0.0.1', relay.address[1], { timeout: 10 });
      const index = server.results.length;
      for (const m of messages) {
        const body = Buffer.from(m.body);
        await sendHeaderFrame(client, fileHeaderFor(m.name, body), body);
      }
      client.shutdownWrite();
      while (server.results.length <= index) await new Promise((r) => setTimeout(r, 5));
      const got = await server.results[index]!;
      client.close();
      await relay.close();
      expect(got.error).toBeNull();
      expect(got.messages.map((x) => x.body)).toEqual(messages.map((m) => Buffer.from(m.body)));
      expect(got.messages.map((x) => x.header.file_name)).toEqual(messages.map((m) => m.name));
    }),
    { numRuns: 12, seed: 4242 },
  );
  await server.close();
});

test('the framed remote-command client gets each answer whole through a re-chunking, delaying relay (both directions)', async () => {
  const server = new TCPServer(['127.0.0.1', 0], FramedRemoteCommandHandler);
  await server.server_activate();
  const serving = server.serve_forever();
  const relay = await ChaosRelay.start({
    target: ['127.0.0.1', server.server_address[1]],
    seed: 99,
    faults: [rechunk({ minSlice: 1, maxSlice: 7, gapMs: 0 }), latency({ ms: 2, jitterMs: 3 })],
    protocols: ['tcp'],
  });
  const conn = await StreamConnection.connect('127.0.0.1', relay.address[1], { timeout: 10 });
  const client = new FramedRemoteCommandClient(conn);
  for (const command of ['dir', 'whoami', 'ipconfig', 'ver']) {
    expect((await client.run(command)).body).toEqual(runCommand(command));
  }
  expect(Math.max(...relay.tcp!.stats[0]!.downstream.writes)).toBeLessThanOrEqual(7);
  conn.close();
  await relay.close();
  await server.server_close();
  await serving;
});
