// Bad input and failed calls never leave a file descriptor or a Node handle behind: the
// process's fds (/proc/self/fd) and handles are counted before and after.
import { AF_INET, SOCK_DGRAM, socket } from '../../../impl/net/socket';
import { expectNoLeaks, snapshot } from '../helpers/leaks';

async function exercise(): Promise<void> {
  const srv = socket();
  await srv.bind(['127.0.0.1', 0]);
  await srv.listen();
  const address = srv.getsockname();
  // A second listener on the same port: EADDRINUSE from listen().
  const clash = socket();
  await clash.bind(address);
  await expect(clash.listen()).rejects.toMatchObject({ name: 'OSError' });
  clash.close();
  // Bad arguments.
  const bad = socket();
  await expect(bad.bind(['127.0.0.1', 70000])).rejects.toMatchObject({ name: 'OverflowError' });
  await expect(bad.connect(['127.0.0.1'] as never)).rejects.toMatchObject({ name: 'TypeError' });
  await expect(bad.send('text' as never)).rejects.toMatchObject({ name: 'TypeError' });
  bad.close();
  // Connections queued on the listener, one with data, then the listener closes under them.
  const queued = [socket(), socket()];
  for (const q of queued) await q.connect(address);
  await queued[0].sendall(Buffer.from('never read'));
  // A connection closed with unread data (reset) and one closed with writes still queued.
  const client = socket();
  await client.connect(address);
  const [conn] = await srv.accept();
  await conn.sendall(Buffer.from('unread'));
  await new Promise((r) => setTimeout(r, 20));
  client.close();
  conn.setblocking(false);
  for (let i = 0; i < 200; i++) if (!(await conn.send(Buffer.alloc(65536)).then(() => true, () => false))) break;
  conn.close();
  srv.close();
  for (const q of queued) {
    await q.recv(10).catch(() => undefined);
    q.close();
  }
  // A refused connect.
  const refused = socket();
  await expect(refused.connect(address)).rejects.toMatchObject({ name: 'ConnectionRefusedError' });
  refused.close();
  // UDP: an oversized datagram, and a socket closed with datagrams queued.
  const u = socket(AF_INET, SOCK_DGRAM);
  await u.bind(['127.0.0.1', 0]);
  const v = socket(AF_INET, SOCK_DGRAM);
  await expect(v.sendto(Buffer.alloc(70000), u.getsockname())).rejects.toMatchObject({ name: 'OSError' });
  await v.sendto(Buffer.from('queued'), u.getsockname());
  u.close();
  v.close();
}

test('failed calls and bad input leave no fd or handle behind', async () => {
  await exercise(); // the first run opens what Node keeps for good (its epoll fd, DNS helpers)
  await new Promise((r) => setTimeout(r, 100));
  const before = snapshot();
  for (let i = 0; i < 3; i++) await exercise();
  await expectNoLeaks(before);
});
