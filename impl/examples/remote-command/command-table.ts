/**
 * The documents' remote-command server runs whatever the client types in a shell
 * (`subprocess.Popen(cmd, shell=True)`). Here the "commands" are a fixed table of canned outputs,
 * so the example is safe and its outputs are known byte for byte: `dir` and `ipconfig` are
 * longer than one recv(1024), which is what makes the naive protocol's responses bleed.
 */

function dirListing(): string {
  const lines = [' 驱动器 C 中的卷没有标签。', ' 卷的序列号是 6A2B-1C3D', '', ' C:\\Users\\student\\course 的目录', ''];
  for (let i = 1; i <= 40; i++) {
    const day = String(1 + (i % 28)).padStart(2, '0');
    const size = String(1024 * i + 37 * i * i).padStart(10, ' ');
    lines.push(`2019/07/${day}  10:${String(i % 60).padStart(2, '0')}    ${size} lesson_${String(i).padStart(2, '0')}.py`);
  }
  lines.push('              40 个文件        1,234,567 字节', '               2 个目录 12,345,678,901 可用字节');
  return lines.join('\r\n') + '\r\n';
}

function ipconfig(): string {
  const lines = ['', 'Windows IP 配置', ''];
  for (const adapter of ['以太网', 'WLAN', '蓝牙网络连接', 'VMware Network Adapter VMnet8']) {
    lines.push(`${adapter} 适配器 ${adapter}:`, '');
    lines.push('   连接特定的 DNS 后缀 . . . . . . . : lan');
    lines.push('   本地链接 IPv6 地址. . . . . . . . : fe80::1c2d:3e4f:5a6b:7c8d%12');
    lines.push('   IPv4 地址 . . . . . . . . . . . . : 192.168.1.23');
    lines.push('   子网掩码  . . . . . . . . . . . . : 255.255.255.0');
    lines.push('   默认网关. . . . . . . . . . . . . : 192.168.1.1', '');
  }
  return lines.join('\r\n') + '\r\n';
}

const TABLE: ReadonlyMap<string, Buffer> = new Map([
  ['dir', Buffer.from(dirListing(), 'utf8')],
  ['ipconfig', Buffer.from(ipconfig(), 'utf8')],
  ['whoami', Buffer.from('desktop-conform\\student\r\n', 'utf8')],
  ['ver', Buffer.from('\r\nMicrosoft Windows [版本 10.0.19045.3693]\r\n', 'utf8')],
  ['cd', Buffer.from('C:\\Users\\student\\course\r\n', 'utf8')],
]);

export const KNOWN_COMMANDS: readonly string[] = [...TABLE.keys()];

/** The canned output of `command` (trimmed, as the documents' client strips its input). */
export function runCommand(command: string): Buffer {
  const name = command.trim();
  return TABLE.get(name) ?? Buffer.from(`'${name}' 不是内部或外部命令，也不是可运行的程序\r\n或批处理文件。\r\n`, 'utf8');
}
