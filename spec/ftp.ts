import type { Claim } from './claim';
import { from } from './sources';
import { probeAuthentication, probeCd, probeHomeJail, probeLs, probeProgress, probeResume, probeUploadDownload } from '../harness/ftp-probes';
import { ftpCheck } from './checks/ftp-checks';

/**
 * The FTP server assignment of 001 §十一: seven features, each an executable claim judged by a
 * black-box probe of an FTP server speaking docs/ftp-protocol.md (the reference's, impl/ftp, or
 * one given with `--target host:port --target-protocol ftp`), plus the suggested directory
 * layout. Only the feature list and file names survive in the document; the code was lost, so
 * each claim says what the suite takes the feature to mean.
 */

const FTP = '十一 FTP服务器';
const CAPS = ['ftp-server'] as const;

export const claims: Claim[] = [
  {
    id: 'ftp.encrypted-auth',
    title: 'Users log in with encrypted authentication: the password never crosses the wire and is stored only as a salted slow hash; a refusal does not tell whether the user exists',
    topic: 'ftp',
    source: from('netStyle', FTP, '1、用户加密认证'),
    kind: 'executable',
    level: 'MUST',
    capabilities: [...CAPS],
    tags: ['ftp', 'black-box', 'auth'],
    // 加密认证 is taken to mean: a challenge-response login (the password is never sent), scrypt with a
    // salt per user and a cost of at least 16 MiB, the same challenge and the same refusal for an
    // unknown user as for a wrong password; with the target's accounts file, no plain password in it.
    check: ftpCheck((t) => probeAuthentication(t)),
  },
  {
    id: 'ftp.home-directory-jail',
    title: 'Each user has a home directory and can reach nothing outside it: no escape through .., absolute paths, symbolic links, NUL bytes or over-long names, nor into another user\'s home',
    topic: 'ftp',
    source: from('netStyle', FTP, '2、每个用户都有自己的家目录,且只能访问自己的家目录'),
    kind: 'executable',
    level: 'MUST',
    capabilities: [...CAPS],
    tags: ['ftp', 'black-box', 'security'],
    // Refused: `..` above the home (from / and from below), absolute paths leaving it, NUL bytes,
    // names over 255 bytes and paths over 4096, a link pointing outside and another user's files
    // (when the target names them); a refusal leaves the connection usable.
    check: ftpCheck((t) => probeHomeJail(t)),
  },
  {
    id: 'ftp.cd',
    title: 'cd changes the current directory freely within the home: relative paths, . and .., absolute paths from the home (/), and a refused cd changes nothing',
    topic: 'ftp',
    source: from('netStyle', FTP, '3、允许用户在ftp\u00a0server上随意切换目录(cd)'),
    kind: 'executable',
    level: 'MUST',
    capabilities: [...CAPS],
    tags: ['ftp', 'black-box', 'navigation'],
    check: ftpCheck((t) => probeCd(t)),
  },
  {
    id: 'ftp.ls',
    title: 'ls lists every entry of the current (or a named) directory, dot-files included, with its name, kind and size',
    topic: 'ftp',
    source: from('netStyle', FTP, '4、允许用户查看当前目录下的所有文件(ls)'),
    kind: 'executable',
    level: 'MUST',
    capabilities: [...CAPS],
    tags: ['ftp', 'black-box', 'navigation'],
    check: ftpCheck((t) => probeLs(t)),
  },
  {
    id: 'ftp.upload-download',
    title: 'Files can be uploaded and downloaded, arriving byte for byte and verified by their SHA-256; an upload whose checksum does not match stores nothing',
    topic: 'ftp',
    source: from('netStyle', FTP, '5、允许上传和下载文件'),
    kind: 'executable',
    level: 'MUST',
    capabilities: [...CAPS],
    tags: ['ftp', 'black-box', 'transfer', 'framing'],
    check: ftpCheck((t, seed) => probeUploadDownload(t, seed)),
  },
  {
    id: 'ftp.progress-bar',
    title: 'A transfer reports progress as it goes: monotonically increasing, ending at 100% when the last byte is through',
    topic: 'ftp',
    source: from('netStyle', FTP, '6、文件传输过程中显示进度条'),
    kind: 'executable',
    level: 'MUST',
    capabilities: [...CAPS],
    tags: ['ftp', 'black-box', 'transfer'],
    // Judged from the progress events of the reference client (impl/ftp), whose CLI draws them as a
    // bar (cli-progress) on a terminal: uploads and downloads of 2 MiB and of 0 bytes, with the server under test.
    check: ftpCheck((t, seed) => probeProgress(t, seed)),
  },
  {
    id: 'ftp.resume',
    title: 'An interrupted transfer resumes from where it stopped, and the result equals the original file; a partial upload never appears under its name',
    topic: 'ftp',
    source: from('netStyle', FTP, '7、支持文件的断点续传'),
    kind: 'executable',
    level: 'MUST',
    capabilities: [...CAPS],
    tags: ['ftp', 'black-box', 'transfer', 'resume'],
    // Uploads and downloads cut by the client, then through a relay that resets every connection
    // after 40-80 kB; resumed from the server's part file or the local one; compared byte for byte.
    check: ftpCheck((t, seed) => probeResume(t, seed), 120_000),
  },
  {
    id: 'ftp.layout',
    title: 'Suggested layout: ftp_server.py, accounts.cfg, settings.py, main.py and server.py on the server; ftp_client.py on the client',
    topic: 'ftp',
    source: from('netStyle', FTP, 'accounts.cfg'),
    kind: 'informational',
    reason: 'A source-tree layout for the exercise; it says nothing about behaviour.',
    level: 'SHOULD',
    capabilities: [],
    tags: ['ftp', 'layout'],
  },
];
