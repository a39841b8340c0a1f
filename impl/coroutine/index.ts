/** Coroutines: Python-style generators, greenlet-like explicit switching, a gevent-like hub. */
export { PyGenerator, StopIteration, next } from './generator';
export { Greenlet, getcurrent, runGreenlets, type GreenletBody, type SwitchRequest } from './greenlet';
export * as gevent from './hub';
export { requests, type Response } from './hub-requests';
