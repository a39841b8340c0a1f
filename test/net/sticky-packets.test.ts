// 003 §5-§9: without framing, a response longer than one recv(1024) bleeds into the next
// command's response; with the 4-byte length + JSON header framing, every response arrives whole.
import { KNOWN_COMMANDS, runCommand } from '../../impl/examples/remote-command/command-table';
import { FramedRemoteCommandClient, FramedRemoteCommandHandler } from '../../impl/examples/remote-command/framed-protocol';
import { NaiveRemoteCommandClient, NaiveRemoteCommandHandler } from '../../impl/examples/remote-command/naive-protocol';
import { type RequestHandlerClass, TCPServer } from '../../impl/net/socketserver';
import { StreamConnection } from '../../impl/net/stream-connection';
import { expectNoLeaks, snapshot, type ResourceSnapshot } from './helpers/leaks';

let atStart: ResourceSnapshot;
beforeAll(() => {
  atStart = snapshot();
});
afterAll(async () => {
  await expectNoLeaks(atStart);
});

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

/** A serial server (the documents' accept-once server) with `Handler`, and a connected client. */
async function serve(Handler: RequestHandlerClass) {
  const server = new TCPServer(['127.0.0.1', 0], Handler, { handleError: (r) => errors.push(r.error) });
  const errors: Error[] = [];
  await server.server_activate();
  const serving = server.serve_forever();
  const conn = await StreamConnection.connect('127.0.0.1', server.server_address[1]);
  let closing: Promise<void> | null = null;
  const close = () =>
    (closing ??= (async () => {
      conn.close();
      await server.server_close();
      await serving;
    })());
  cleanups.push(close);
  return { conn, errors, close };
}

describe('the command table', () => {
  test('dir and ipconfig are longer than one recv(1024); whoami is short; unknown commands get an error text', () => {
    expect(runCommand('dir').length).toBeGreaterThan(2 * 1024);
    expect(runCommand('ipconfig').length).toBeGreaterThan(1024);
    expect(runCommand('whoami').length).toBeLessThan(1024);
    expect(runCommand('rm -rf /').toString()).toContain('不是内部或外部命令');
    expect(KNOWN_COMMANDS).toEqual(expect.arrayContaining(['dir', 'ipconfig', 'whoami']));
  });
});

describe('naive recv(1024) protocol (003 §5)', () => {
  test("a long answer is cut at 1024 bytes and its tail becomes the start of the next command's answer", async () => {
    const { conn, errors, close } = await serve(NaiveRemoteCommandHandler);
    const client = new NaiveRemoteCommandClient(conn);
    const dir = runCommand('dir');
    const whoami = runCommand('whoami');

    const first = await client.run('dir');
    expect(first.length).toBeLessThanOrEqual(1024);
    expect(first).toEqual(dir.subarray(0, first.length));

    const second = await client.run('whoami');
    // What the client takes for whoami's answer is the rest of dir's, continuing exactly where
    // the first recv stopped: the two answers stuck together in the stream.
    const stream = Buffer.concat([dir.subarray(first.length), whoami]);
    expect(second).toEqual(stream.subarray(0, second.length));
    expect(second.subarray(0, 16)).toEqual(dir.subarray(first.length, first.length + 16));
    expect(second).not.toEqual(whoami);
    await close();
    expect(errors).toEqual([]);
  });

  test('over a whole session the answers are the right bytes at the wrong boundaries', async () => {
    // The client sends its next command before the server has read the last one, so commands
    // can stick together too (003 §8, 2.): record what the server really answered.
    const answered: Buffer[] = [];
    class Recording extends NaiveRemoteCommandHandler {
      protected override answer(command: string): Buffer {
        const output = super.answer(command);
        answered.push(output);
        return output;
      }
    }
    const { conn, close } = await serve(Recording);
    const client = new NaiveRemoteCommandClient(conn);
    const commands = ['dir', 'whoami', 'ipconfig', 'ver', 'cd', 'dir'];
    const answers: Buffer[] = [];
    for (const command of commands) answers.push(await client.run(command));
    await close();
    const sent = Buffer.concat(answered);
    const received = Buffer.concat(answers);
    expect(received).toEqual(sent.subarray(0, received.length)); // nothing lost, nothing reordered
    const misattributed = commands.filter((command, i) => !answers[i]!.equals(runCommand(command)));
    expect(misattributed.length).toBeGreaterThanOrEqual(1);
    expect(answers[1]).not.toEqual(runCommand('whoami'));
  });
});

describe('framed protocol (003 §9)', () => {
  test('every command gets exactly its own answer, with a header whose file_size and md5 match', async () => {
    const { conn, errors, close } = await serve(FramedRemoteCommandHandler);
    const client = new FramedRemoteCommandClient(conn);
    for (const command of ['dir', 'whoami', 'ipconfig', 'ver', 'cd', 'dir', 'nonsense']) {
      const answer = await client.run(command);
      expect(answer.body).toEqual(runCommand(command));
      expect(answer.header).toMatchObject({ file_name: command, file_size: runCommand(command).length });
    }
    await close();
    expect(errors).toEqual([]);
  });
});
