import { runAtExitHooks } from './at-exit';
import { finishChildren } from './children';

/**
 * Runs a program's main function and then ends the program the way CPython ends one: executors
 * finish what was submitted to them (at-exit.ts), daemonic
 * children are terminated when the main code is done (even while non-daemonic children still
 * run), non-daemonic children are waited for, and the exit status is 1 if main raised.
 *
 *   if (require.main === module) runMain(main);
 */
export function runMain(main: () => unknown): void {
  void (async () => {
    let code = 0;
    try {
      await main();
    } catch (error) {
      code = 1;
      process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    }
    await runAtExitHooks();
    await finishChildren();
    process.exit(code);
  })();
}
