/** socketserver for the reference implementation: handlers, and the server in each concurrency model. */
export {
  BaseRequestHandler,
  loadHandler,
  runHandler,
  type DatagramReplySocket,
  type DatagramRequest,
  type HandlerModule,
  type HandlerSource,
  type RequestHandlerClass,
  type ServerInfo,
  type StreamRequest,
} from './request-handler';
export { TCPServer, defaultHandleError, type ActiveRequest, type HandlerErrorReport, type ServerOptions } from './tcp-server';
export { EventLoopTCPServer } from './event-loop-server';
export { ThreadingTCPServer, type ThreadingServerOptions } from './threading-server';
export { ForkingTCPServer } from './forking-server';
export { UDPServer } from './udp-server';
export { EchoUpperHandler, UdpEchoUpperHandler, HandlerTriggeredError, RAISE_TRIGGER, WHOAMI_QUERY, asciiUpper, type HandlerIdentity } from './echo-upper-handler';
