/**
 * `conform ftp serve`: the reference FTP server in the foreground. One line on stdout once it
 * listens (`serving <root> on host:port`), one line per event on stderr (logins, refusals,
 * stored and sent files; never a password), until SIGINT or SIGTERM, which close it cleanly.
 */
import { promises as fs } from 'node:fs';
import { FtpServer, readAccounts, type ServerEvent, type ServerLimits } from '../../impl/ftp';
import { UsageError } from './usage-error';

export interface ServeOptions {
  root: string;
  accounts: string;
  host: string;
  port: number;
  maxFileSize?: number;
  quota?: number;
  maxHeaderBytes?: number;
  quiet?: boolean;
}

function logLine(event: ServerEvent): string {
  return `${new Date().toISOString()} ${event.event} ${event.client}${event.user === undefined ? '' : ` user=${event.user}`}${event.detail === undefined ? '' : ` ${event.detail}`}\n`;
}

/** Resolves with the exit code once the server has been stopped by a signal. */
export async function ftpServe(options: ServeOptions): Promise<number> {
  const accounts = await readAccounts(options.accounts).catch((e: Error) => {
    throw new UsageError(e.message);
  });
  if (accounts.size === 0) process.stderr.write(`conform ftp: ${options.accounts} has no users yet; add one with: conform ftp user add <name> --accounts ${options.accounts}\n`);
  await fs.mkdir(options.root, { recursive: true });
  const limits: Partial<ServerLimits> = {
    ...(options.maxFileSize === undefined ? {} : { maxFileBytes: options.maxFileSize }),
    ...(options.quota === undefined ? {} : { defaultQuotaBytes: options.quota }),
    ...(options.maxHeaderBytes === undefined ? {} : { maxHeaderBytes: options.maxHeaderBytes }),
  };
  let server: FtpServer;
  try {
    server = await FtpServer.start({
      root: options.root,
      accountsFile: options.accounts,
      host: options.host,
      port: options.port,
      limits,
      log: options.quiet ? () => undefined : (e) => process.stderr.write(logLine(e)),
    });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE' || code === 'EACCES' || code === 'EADDRNOTAVAIL') throw new UsageError(`cannot listen on ${options.host}:${options.port}: ${code}`);
    throw e;
  }
  const { host, port } = server.address;
  process.stdout.write(`serving ${server.root} on ${host}:${port}\n`);
  await new Promise<void>((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  await server.close();
  if (!options.quiet) process.stderr.write('conform ftp: server stopped\n');
  return 0;
}
