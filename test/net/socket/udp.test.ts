// The socket facade's UDP semantics over real loopback sockets, as CPython shows them on Linux.
import { AF_INET, SOCK_DGRAM, SOL_SOCKET, SO_RCVBUF, errnoNumber, socket, type Socket } from '../../../impl/net/socket';

const settle = () => new Promise((resolve) => setTimeout(resolve, 30));

async function bound(): Promise<Socket> {
  const s = socket(AF_INET, SOCK_DGRAM);
  await s.bind(['127.0.0.1', 0]);
  return s;
}

describe('UDP sockets', () => {
  test('every datagram keeps its boundary; a short recvfrom truncates and the rest is lost; empty datagrams count', async () => {
    const receiver = await bound();
    const sender = socket(AF_INET, SOCK_DGRAM);
    try {
      for (const d of ['0123456789', '', 'ab', 'cd']) expect(await sender.sendto(Buffer.from(d), receiver.getsockname())).toBe(d.length);
      await settle();
      const [first, from] = await receiver.recvfrom(4);
      expect(first.toString()).toBe('0123');
      expect(from).toEqual(['127.0.0.1', (sender.getsockname() as [string, number])[1]]);
      expect((await receiver.recvfrom(4))[0].length).toBe(0);
      expect((await receiver.recv(4)).toString()).toBe('ab');
      expect((await receiver.recvfrom(1024))[0].toString()).toBe('cd');
      receiver.setblocking(false);
      await expect(receiver.recvfrom(10)).rejects.toMatchObject({ name: 'BlockingIOError', errno: errnoNumber('EAGAIN') });
    } finally {
      receiver.close();
      sender.close();
    }
  });

  test('sendto works without a connection, even to an address nobody is bound to; an oversized datagram is EMSGSIZE', async () => {
    const gone = await bound();
    const nobody = gone.getsockname();
    gone.close();
    const sender = socket(AF_INET, SOCK_DGRAM);
    try {
      expect(await sender.sendto(Buffer.from('anyone?'), nobody)).toBe(7);
      await expect(sender.sendto(Buffer.alloc(65508), ['127.0.0.1', 9])).rejects.toMatchObject({ name: 'OSError', errno: errnoNumber('EMSGSIZE') });
      await expect(sender.send(Buffer.from('x'))).rejects.toMatchObject({ name: 'OSError', errno: errnoNumber('EDESTADDRREQ') });
      await expect(sender.listen()).rejects.toMatchObject({ name: 'OSError', errno: errnoNumber('EOPNOTSUPP') });
    } finally {
      sender.close();
    }
  });

  test('a receiver that does not keep up loses datagrams silently once its buffer is full', async () => {
    const receiver = await bound();
    const sender = socket(AF_INET, SOCK_DGRAM);
    try {
      expect(receiver.getsockopt(SOL_SOCKET, SO_RCVBUF)).toBeGreaterThan(0);
      for (let i = 0; i < 600; i++) await sender.sendto(Buffer.alloc(1400), receiver.getsockname());
      await settle();
      receiver.setblocking(false);
      let received = 0;
      for (;;) {
        const got = await receiver.recvfrom(2048).catch(() => undefined);
        if (got === undefined) break;
        received++;
      }
      expect(received).toBeGreaterThan(0);
      expect(received).toBeLessThan(600);
    } finally {
      receiver.close();
      sender.close();
    }
  });
});
