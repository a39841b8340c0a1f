/**
 * One side of the MessagePort baseline (message-port-throughput.ts): the producer posts the ints
 * 0..items-1 on its port when the main thread says go; the consumer sums what arrives and, at
 * the last item, tells the main thread the sum and when it finished. Event-driven on both sides,
 * which is how Node code moves items between workers.
 */
import { parentPort, type MessagePort } from 'node:worker_threads';
import { tsWorkerData } from '../impl';
import { absoluteNowMs } from './worker-protocol';

export interface PortWorkerData {
  role: 'producer' | 'consumer';
  port: MessagePort;
  items: number;
}

export interface PortRoundResult {
  sum: number;
  finishedAtMs: number;
}

const { role, port, items } = tsWorkerData<PortWorkerData>();

if (role === 'producer') {
  parentPort!.on('message', () => {
    for (let i = 0; i < items; i++) port.postMessage(i);
  });
} else {
  let sum = 0;
  let got = 0;
  port.on('message', (item: number) => {
    sum += item;
    if (++got === items) {
      const result: PortRoundResult = { sum, finishedAtMs: absoluteNowMs() };
      parentPort!.postMessage(result);
      sum = 0;
      got = 0;
    }
  });
}
parentPort!.postMessage('ready');
