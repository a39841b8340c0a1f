import * as dgram from 'node:dgram';

/** A UDP socket that records every datagram it receives, in arrival order. */
export async function startUdpSink(port = 0) {
  const socket = dgram.createSocket('udp4');
  const received: Buffer[] = [];
  socket.on('message', (data) => received.push(data));
  await new Promise<void>((resolve, reject) => {
    socket.once('error', reject);
    socket.bind(port, '127.0.0.1', () => {
      socket.off('error', reject);
      resolve();
    });
  });
  return {
    port: socket.address().port,
    received,
    close: () => new Promise<void>((resolve) => socket.close(() => resolve())),
  };
}

/** A UDP client socket; `send` resolves once the datagram is handed to the kernel. */
export async function udpSender() {
  const socket = dgram.createSocket('udp4');
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  return {
    send: (data: Buffer, port: number) => new Promise<void>((resolve, reject) => socket.send(data, port, '127.0.0.1', (e) => (e ? reject(e) : resolve()))),
    close: () => new Promise<void>((resolve) => socket.close(() => resolve())),
  };
}
