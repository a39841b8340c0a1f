import * as path from 'node:path';

/** `reports: reports/latest/{report.json, report.tap, junit.xml, index.html}`, relative to the working directory when inside it. */
export function writtenFilesText(files: readonly string[]): string {
  const dirs = [...new Set(files.map((f) => path.dirname(f)))];
  const shown = (p: string) => {
    const rel = path.relative(process.cwd(), p);
    return rel === '' ? '.' : rel.startsWith('..') ? p : rel;
  };
  if (dirs.length === 1) return `reports: ${shown(dirs[0])}${path.sep}{${files.map((f) => path.basename(f)).join(', ')}}`;
  return `reports: ${files.map(shown).join(', ')}`;
}
