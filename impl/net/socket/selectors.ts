import { RuntimeError, ValueError } from '../../errors';
import { EVENT_READ, EVENT_WRITE } from './constants';
import { KeyError } from './os-errors';
import { select } from './select';
import { Socket } from './socket';

/**
 * The selectors module: a registry of sockets with the events to watch and a `data` slot (the
 * documents store the callback there and dispatch with `key.data(key.fileobj, mask)`).
 * DefaultSelector behaves like Linux's EpollSelector (a socket closed without being unregistered
 * is silently no longer watched) and SelectSelector like select.select (such a socket is an
 * error); both are level-triggered. Timeouts are in seconds; null waits, <= 0 only looks.
 */

export class SelectorKey<D = unknown> {
  constructor(
    readonly fileobj: Socket,
    readonly events: number,
    readonly data: D,
  ) {}
}

function checkEvents(events: number): void {
  if (!Number.isInteger(events) || events === 0 || (events & ~(EVENT_READ | EVENT_WRITE)) !== 0) throw new ValueError(`Invalid events: ${events}`);
}

function describe(socket: Socket): string {
  return `<socket.socket family=${socket.family}, type=${socket.type}${socket.closed ? ' [closed]' : ''}>`;
}

abstract class BaseSelector<D = unknown> {
  private readonly keys = new Map<Socket, SelectorKey<D>>();
  private closed = false;

  /** Whether select() skips (true, epoll) or rejects (false, select) a registered socket that was closed. */
  protected abstract readonly skipsClosed: boolean;

  register(fileobj: Socket, events: number, data: D = null as D): SelectorKey<D> {
    this.checkOpen();
    if (!(fileobj instanceof Socket)) throw new ValueError(`Invalid file object: ${String(fileobj)}`);
    checkEvents(events);
    if (fileobj.closed) throw new ValueError('Invalid file descriptor: -1');
    if (this.keys.has(fileobj)) throw new KeyError(`${describe(fileobj)} is already registered`);
    const key = new SelectorKey(fileobj, events, data);
    this.keys.set(fileobj, key);
    return key;
  }

  unregister(fileobj: Socket): SelectorKey<D> {
    this.checkOpen();
    const key = this.lookup(fileobj);
    this.keys.delete(fileobj);
    return key;
  }

  modify(fileobj: Socket, events: number, data: D = null as D): SelectorKey<D> {
    this.checkOpen();
    this.lookup(fileobj);
    checkEvents(events);
    const key = new SelectorKey(fileobj, events, data);
    this.keys.set(fileobj, key);
    return key;
  }

  get_key(fileobj: Socket): SelectorKey<D> {
    return this.lookup(fileobj);
  }

  /**
   * CPython's _fileobj_lookup: a socket is found by its fd, and a closed one (fd -1) only by an
   * exhaustive search of the registered keys, so a closed socket that is not registered raises
   * ValueError('Invalid file descriptor: -1'), not KeyError.
   */
  private lookup(fileobj: Socket): SelectorKey<D> {
    const key = this.keys.get(fileobj);
    if (key !== undefined) return key;
    if (fileobj instanceof Socket && fileobj.closed) throw new ValueError('Invalid file descriptor: -1');
    throw new KeyError(`${describe(fileobj)} is not registered`);
  }

  get_map(): ReadonlyMap<Socket, SelectorKey<D>> {
    return new Map(this.keys);
  }

  /** Ready keys with the events that are ready for each, in registration order. */
  async select(timeout: number | null = null): Promise<[SelectorKey<D>, number][]> {
    this.checkOpen();
    const watched = [...this.keys.values()].filter((k) => !(this.skipsClosed && k.fileobj.closed));
    const readers = watched.filter((k) => (k.events & EVENT_READ) !== 0).map((k) => k.fileobj);
    const writers = watched.filter((k) => (k.events & EVENT_WRITE) !== 0).map((k) => k.fileobj);
    const [r, w] = await select(readers, writers, [], timeout === null ? null : Math.max(0, timeout));
    const ready: [SelectorKey<D>, number][] = [];
    for (const key of watched) {
      const mask = (r.includes(key.fileobj) ? EVENT_READ : 0) | (w.includes(key.fileobj) ? EVENT_WRITE : 0);
      // A key unregistered while select() waited is not reported, as in CPython.
      if (mask !== 0 && this.keys.get(key.fileobj) === key) ready.push([key, mask & key.events]);
    }
    return ready;
  }

  close(): void {
    this.keys.clear();
    this.closed = true;
  }

  private checkOpen(): void {
    if (this.closed) throw new RuntimeError('Selector is closed');
  }
}

/** Linux's DefaultSelector (EpollSelector). */
export class DefaultSelector<D = unknown> extends BaseSelector<D> {
  protected readonly skipsClosed = true;
}

/** selectors.SelectSelector: select.select underneath. */
export class SelectSelector<D = unknown> extends BaseSelector<D> {
  protected readonly skipsClosed = false;
}
