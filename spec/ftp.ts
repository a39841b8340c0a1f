import type { Claim } from './claim';
import { from } from './sources';

/**
 * The FTP server assignment of 001 §十一: seven features, each an executable claim for the
 * reference FTP server of issue 7, plus the suggested directory layout. Only the feature list
 * and file names survive in the document; the code was lost.
 */

const FTP = '十一 FTP服务器';
const planned = { status: 'pending', plannedIn: 7 } as const;

export const claims: Claim[] = [
  {
    id: 'ftp.encrypted-auth',
    title: 'Users log in with encrypted authentication: passwords are stored and checked as hashes, never in plain text',
    topic: 'ftp',
    source: from('netStyle', FTP, '1、用户加密认证'),
    kind: 'executable',
    level: 'MUST',
    capabilities: ['tcp', 'fs'],
    tags: ['ftp', 'auth'],
    ...planned,
  },
  {
    id: 'ftp.home-directory-jail',
    title: 'Each user has a home directory and can reach nothing outside it (no escape through .., absolute paths or symlinks)',
    topic: 'ftp',
    source: from('netStyle', FTP, '2、每个用户都有自己的家目录,且只能访问自己的家目录'),
    kind: 'executable',
    level: 'MUST',
    capabilities: ['tcp', 'fs'],
    tags: ['ftp', 'security'],
    ...planned,
  },
  {
    id: 'ftp.cd',
    title: 'cd changes the current directory freely, within the user\'s home directory',
    topic: 'ftp',
    source: from('netStyle', FTP, '3、允许用户在ftp\u00a0server上随意切换目录(cd)'),
    kind: 'executable',
    level: 'MUST',
    capabilities: ['tcp', 'fs'],
    tags: ['ftp', 'navigation'],
    ...planned,
  },
  {
    id: 'ftp.ls',
    title: 'ls lists every file in the current directory',
    topic: 'ftp',
    source: from('netStyle', FTP, '4、允许用户查看当前目录下的所有文件(ls)'),
    kind: 'executable',
    level: 'MUST',
    capabilities: ['tcp', 'fs'],
    tags: ['ftp', 'navigation'],
    ...planned,
  },
  {
    id: 'ftp.upload-download',
    title: 'Files can be uploaded and downloaded, arriving byte for byte',
    topic: 'ftp',
    source: from('netStyle', FTP, '5、允许上传和下载文件'),
    kind: 'executable',
    level: 'MUST',
    capabilities: ['tcp', 'fs'],
    tags: ['ftp', 'transfer', 'framing'],
    ...planned,
  },
  {
    id: 'ftp.progress-bar',
    title: 'A transfer reports progress as it goes: monotonically increasing, ending at 100% when the last byte is through',
    topic: 'ftp',
    source: from('netStyle', FTP, '6、文件传输过程中显示进度条'),
    kind: 'executable',
    level: 'MUST',
    capabilities: ['tcp', 'fs'],
    tags: ['ftp', 'transfer'],
    ...planned,
  },
  {
    id: 'ftp.resume',
    title: 'An interrupted transfer resumes from where it stopped, and the result equals the original file',
    topic: 'ftp',
    source: from('netStyle', FTP, '7、支持文件的断点续传'),
    kind: 'executable',
    level: 'MUST',
    capabilities: ['tcp', 'fs'],
    tags: ['ftp', 'transfer', 'resume'],
    ...planned,
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
