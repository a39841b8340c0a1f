/**
 * The client's progress bar (文件传输过程中显示进度条): a cli-progress bar on standard error when
 * it is a terminal, nothing at all when it is not or when CI=true, so scripts and logs get only
 * the result lines. It draws the client library's progress events as they come.
 */
import { Presets, SingleBar } from 'cli-progress';
import type { TransferProgress } from '../../impl/ftp';

export interface ProgressSink {
  onProgress(progress: TransferProgress): void;
  /** Ends the bar (after success or failure). */
  stop(): void;
}

/** Whether a bar is drawn on `stream` with this environment. */
export function showsProgress(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv): boolean {
  return stream.isTTY === true && env['CI'] !== 'true' && env['CI'] !== '1';
}

export function progressBar(stream: NodeJS.WritableStream & { isTTY?: boolean }, env: NodeJS.ProcessEnv = process.env): ProgressSink {
  if (!showsProgress(stream, env)) return { onProgress: () => undefined, stop: () => undefined };
  let bar: SingleBar | null = null;
  let attempt = 0;
  return {
    onProgress(p) {
      if (bar === null || p.attempt !== attempt) {
        bar?.stop();
        attempt = p.attempt;
        bar = new SingleBar(
          {
            stream,
            format: `${p.direction === 'upload' ? 'put' : 'get'} {file} [{bar}] {percentage}% | {value}/{total} bytes${p.attempt > 1 ? ` | resumed at ${p.startedAt}` : ''}`,
            hideCursor: true,
            // The bar must end at 100% with the last byte even if it came between two redraws.
            forceRedraw: true,
          },
          Presets.shades_classic,
        );
        bar.start(p.total, p.transferred, { file: p.path });
      }
      bar.update(p.transferred);
    },
    stop() {
      bar?.stop();
      bar = null;
    },
  };
}
