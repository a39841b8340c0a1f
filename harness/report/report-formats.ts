/**
 * The formats `--format` chooses from. `console` is the progress display and summary; the others
 * are files in the report directory, each written atomically.
 */

export const REPORT_FORMATS = ['console', 'json', 'tap', 'junit', 'html'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];
export type FileFormat = Exclude<ReportFormat, 'console'>;

export const FILE_NAMES: Record<FileFormat, string> = {
  json: 'report.json',
  tap: 'report.tap',
  junit: 'junit.xml',
  html: 'index.html',
};

export class FormatError extends Error {
  override readonly name = 'FormatError';
}

/** `--format tap,junit` and `--format tap junit` both work; no value means every format. */
export function parseFormats(values: readonly string[] | undefined): ReportFormat[] {
  const names = (values ?? []).flatMap((v) => v.split(',')).map((v) => v.trim()).filter((v) => v !== '');
  if (names.length === 0) return [...REPORT_FORMATS];
  const unknown = names.filter((n) => !(REPORT_FORMATS as readonly string[]).includes(n));
  if (unknown.length > 0) throw new FormatError(`unknown format ${unknown.map((u) => `"${u}"`).join(', ')}; --format takes any of ${REPORT_FORMATS.join(', ')}`);
  return REPORT_FORMATS.filter((f) => names.includes(f));
}

export function fileFormats(formats: readonly ReportFormat[]): FileFormat[] {
  return formats.filter((f): f is FileFormat => f !== 'console');
}
