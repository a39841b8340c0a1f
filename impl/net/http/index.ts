/** HTTP/1.1 on socketserver: the request handler, its parser and responses, the load handlers. */
export { HTTPRequestHandler } from './http-request-handler';
export { RequestParser, BadRequest, MAX_BODY_BYTES, type HttpRequest } from './request-parser';
export { encodeResponse, type HttpResponse } from './response';
export { SOCKETSERVER_MODELS, LOAD_WORK_KINDS, type SocketserverModel, type LoadWorkKind, type ServeRequest } from './serve-request';
export { HelloHttpHandler, SleepHttpHandler, CpuHttpHandler, spin, DEFAULT_SLEEP_MS, DEFAULT_CPU_ITERATIONS, type LoadWork } from './load-handlers';
