/** `conform ftp user add`: an account in the accounts file, its password from a prompt or stdin. */
import { AccountsError, addUser } from '../../impl/ftp';
import { StdinLines, passwordFromStdin, promptNewPassword } from './ftp-password';
import { UsageError } from './usage-error';

export interface UserAddOptions {
  accounts: string;
  passwordStdin?: boolean;
  quota?: number;
  replace?: boolean;
}

export async function ftpUserAdd(name: string, options: UserAddOptions): Promise<number> {
  let password: string;
  if (options.passwordStdin) {
    const lines = new StdinLines();
    try {
      password = await passwordFromStdin(lines);
    } finally {
      lines.close();
    }
  } else {
    password = await promptNewPassword();
  }
  try {
    await addUser(options.accounts, name, password, { ...(options.replace ? { replace: true } : {}), ...(options.quota === undefined ? {} : { quotaBytes: options.quota }) });
  } catch (e) {
    if (e instanceof AccountsError) throw new UsageError(e.message);
    throw e;
  }
  process.stdout.write(`${options.replace ? 'set' : 'added'} user ${name} in ${options.accounts}\n`);
  return 0;
}
