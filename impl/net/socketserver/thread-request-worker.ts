/**
 * Worker-thread entry of ThreadingTCPServer: loads the handler module, runs one request over
 * the port to the socket's owner, closes the connection (socketserver's shutdown_request) and
 * reports how it went. The owner terminates the worker after `done`.
 */
import { parentPort } from 'node:worker_threads';
import { tsWorkerData } from '../../shared/worker-bootstrap';
import { type FromHandler, type RequestAssignment, describeError } from './bridge-protocol';
import { PortStreamRequest } from './port-stream-request';
import { loadHandler, runHandler } from './request-handler';

async function main(): Promise<void> {
  const port = parentPort;
  if (!port) throw new Error('thread-request-worker must run in a worker thread');
  const assignment = tsWorkerData<RequestAssignment>();
  const request = new PortStreamRequest(port, assignment.client_address);
  let error: Error | null;
  try {
    error = await runHandler(loadHandler(assignment.handler), request, assignment.client_address, assignment.server);
  } catch (loadError) {
    error = loadError instanceof Error ? loadError : new Error(String(loadError));
  }
  request.close();
  const done: FromHandler = { t: 'done', error: error ? describeError(error) : null };
  port.postMessage(done);
}

void main();
