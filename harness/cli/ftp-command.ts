/**
 * The `conform ftp` command group (001 §十一's FTP service, impl/ftp): `serve`, `user add` and
 * `client`. Each action returns an exit code; mistakes in the call throw UsageError, which
 * main.ts prints as one line with exit code 2.
 */
import { InvalidArgumentError, type Command } from 'commander';
import { CLIENT_COMMANDS, ftpClient, type ClientOptions } from './ftp-client';
import { ftpServe, type ServeOptions } from './ftp-serve';
import { byteSize, port } from './ftp-sizes';
import { ftpUserAdd, type UserAddOptions } from './ftp-user';

export const DEFAULT_FTP_PORT = 2121;

function positiveInteger(value: string): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < 0) throw new InvalidArgumentError('must be a non-negative integer');
  return n;
}

export function registerFtpCommands(program: Command, setExitCode: (code: number) => void): void {
  const ftp = program.command('ftp').description("the FTP service of 001 §十一: a server, its accounts, and a client (docs/ftp-protocol.md)");

  ftp
    .command('serve')
    .description('run the FTP server in the foreground until SIGINT or SIGTERM')
    .requiredOption('--root <dir>', "directory for the users' homes (<root>/<user>) and the server's state")
    .requiredOption('--accounts <file>', 'the accounts file (conform ftp user add writes it)')
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .option('--port <port>', 'port to listen on (0: any free port)', port, DEFAULT_FTP_PORT)
    .option('--max-file-size <bytes>', 'largest file a put may announce (e.g. 4G)', byteSize)
    .option('--quota <bytes>', "quota of users whose account sets none (e.g. 10G)", byteSize)
    .option('--max-header-bytes <bytes>', 'largest request header', byteSize)
    .option('--quiet', 'no log lines on stderr')
    .action(async (opts: ServeOptions) => setExitCode(await ftpServe(opts)));

  ftp
    .command('user')
    .description('manage the accounts file')
    .command('add')
    .description('add a user (the password is asked for on the terminal, or read from stdin with --password-stdin)')
    .argument('<name>', 'user name: 1-32 of A-Z a-z 0-9 _ . -, starting with a letter or digit')
    .requiredOption('--accounts <file>', 'the accounts file (created if missing)')
    .option('--password-stdin', 'read the password from the first line of standard input')
    .option('--quota <bytes>', "this user's quota (e.g. 1G)", byteSize)
    .option('--replace', 'set a new password for an existing user')
    .action(async (name: string, opts: UserAddOptions) => setExitCode(await ftpUserAdd(name, opts)));

  ftp
    .command('client')
    .description(`talk to an FTP server: one command, or (without one) commands line by line from stdin. Commands: ${CLIENT_COMMANDS.join(', ')}`)
    .argument('[command...]', 'the command and its arguments')
    .requiredOption('--user <name>', 'the account to log in as')
    .option('--host <host>', 'server address', '127.0.0.1')
    .option('--port <port>', 'server port', port, DEFAULT_FTP_PORT)
    .option('--password-stdin', 'read the password from the first line of standard input (the rest are commands)')
    .option('--retries <n>', 'reconnections a transfer may make to resume after a cut', positiveInteger, 5)
    .option('--timeout <seconds>', 'seconds any single wait may take', positiveInteger, 30)
    .action(async (words: string[], opts: ClientOptions) => setExitCode(await ftpClient(words, opts)));
}
