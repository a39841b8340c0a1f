import { Process, runMain } from '../process';
import { programArgs } from './support/program-args';
import { report } from './support/trace';

/**
 * 003 §16/§28 and 002's note on copies: a child process changes a module global (`x = 0`) and
 * appends to a list it was given; the parent, after joining it, still has x == 100 and its list
 * unchanged. Each process has its own memory; arguments arrive as copies.
 *
 * Records: `child-sees` {x}, `child-list` {list} in the child; `parent-sees` {x}, `parent-list`
 * {list} in the parent after join().
 */

programArgs({});

let x = 100;

export function task(): void {
  x = 0;
  report('child-sees', { x });
}

export function append_to(list: number[]): void {
  list.push(99);
  report('child-list', { list });
}

async function main(): Promise<void> {
  const p = new Process({ target: task });
  p.start();
  await p.join();
  report('parent-sees', { x });
  console.log(x); // 100
  const lst = [1];
  const q = new Process({ target: append_to, args: [lst] });
  q.start();
  await q.join();
  report('parent-list', { list: lst });
  console.log(lst); // [ 1 ]
}

if (require.main === module) runMain(main);
