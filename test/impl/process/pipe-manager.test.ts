import { EOFError, Manager, OSError, Pipe, Process } from '../../../impl/process';
import * as targets from './targets';

/** Pipe and Manager, between real processes. */

describe('Pipe', () => {
  it('is duplex by default, and a closed end means EOFError once drained', async () => {
    const [mine, theirs] = Pipe();
    const child = new Process({ target: targets.echoOnce, args: [theirs] });
    child.start();
    await mine.send([1, 2]);
    expect(await mine.recv()).toEqual({ echoed: [1, 2] });
    await child.join();
    expect(await mine.poll()).toBe(true);
    await expect(mine.recv()).rejects.toBeInstanceOf(EOFError);
  });

  it('Pipe(false) gives a read-only and a write-only end', async () => {
    const [reader, writer] = Pipe(false);
    await expect(reader.send(1)).rejects.toThrow(new OSError('connection is read-only'));
    await expect(writer.recv()).rejects.toThrow(new OSError('connection is write-only'));
    await writer.send('x');
    expect(await reader.poll(1)).toBe(true);
    expect(await reader.recv()).toBe('x');
    expect(await reader.poll(0.02)).toBe(false);
  });
});

describe('Manager', () => {
  it('serves a list and a dict from its own process; a child changes them through proxies', async () => {
    const manager = await Manager();
    const list = await manager.list<number>([1]);
    const dict = await manager.dict<string>();
    const child = new Process({ target: targets.appendThrough, args: [list, dict] });
    child.start();
    await child.join();
    expect(await list.copy()).toEqual([1, 7]);
    expect(await dict.get('from')).toBe('child');
    expect(await dict.get('missing', 'default')).toBe('default');
    await expect(dict.get('missing')).rejects.toThrow();
    const q = await manager.Queue<number>(1);
    await q.put(1);
    expect(await q.full()).toBe(true);
    await manager.shutdown();
    await expect(list.len()).rejects.toThrow();
  });
});
