import { Worker } from 'node:worker_threads';
import { ioWait, isPatched, type Wait } from './hub';

/**
 * requests.get for the hub's tasks (impl/coroutine/hub.ts). The HTTP exchange happens on a
 * helper thread, as the kernel does a socket's I/O; what matters is how the task waits for it.
 * Unpatched, `yield* requests.get(url)` blocks the thread until the answer is in (the standard
 * socket module under requests), so fetches in several greenlets run one after another. After
 * `monkey.patch_all()` it parks only the task on the hub, which runs the others meanwhile, so
 * the fetches overlap. The helper thread is unref'd: it never keeps a program alive.
 */

export interface Response {
  status_code: number;
  /** The body's length in characters (what the documents' program prints of it). */
  length: number;
}

const FETCHER = `
const { parentPort } = require('node:worker_threads');
const http = require('node:http');
parentPort.on('message', ({ url, cell }) => {
  const view = new Int32Array(cell);
  const done = (status, length) => {
    view[1] = status; view[2] = length;
    Atomics.store(view, 0, 1);
    Atomics.notify(view, 0);
  };
  http.get(url, (res) => {
    let length = 0;
    res.setEncoding('utf8');
    res.on('data', (chunk) => { length += chunk.length; });
    res.on('end', () => done(res.statusCode, length));
  }).on('error', () => done(-1, 0));
});
`;

let fetcher: Worker | undefined;

function startFetch(url: string): Int32Array {
  if (fetcher === undefined) {
    fetcher = new Worker(FETCHER, { eval: true });
    fetcher.unref();
  }
  const cell = new SharedArrayBuffer(12);
  fetcher.postMessage({ url, cell });
  return new Int32Array(cell);
}

function answer(view: Int32Array, url: string): Response {
  if (view[1] === -1) throw new Error(`ConnectionError: ${url}`);
  return { status_code: view[1], length: view[2] };
}

export const requests = {
  *get(url: string): Generator<Wait, Response, unknown> {
    const view = startFetch(url);
    if (isPatched()) yield ioWait(view);
    else Atomics.wait(view, 0, 0);
    return answer(view, url);
  },
};
