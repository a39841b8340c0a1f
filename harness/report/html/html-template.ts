import { escape } from 'he';

/**
 * Safe-by-default HTML building: `html\`<p>${text}</p>\`` escapes every interpolated value with
 * `he` unless it is already SafeHtml (the result of another `html` call); arrays are joined, and
 * null, undefined and false render as nothing. Nothing else in the HTML report escapes by hand.
 */

export class SafeHtml {
  constructor(readonly value: string) {}

  toString(): string {
    return this.value;
  }
}

type Interpolation = SafeHtml | string | number | boolean | null | undefined | readonly Interpolation[];

function render(value: Interpolation): string {
  if (value === null || value === undefined || value === false) return '';
  if (value instanceof SafeHtml) return value.value;
  if (Array.isArray(value)) return value.map(render).join('');
  return escape(String(value));
}

export function html(strings: TemplateStringsArray, ...values: Interpolation[]): SafeHtml {
  let out = strings[0];
  values.forEach((value, i) => {
    out += render(value) + strings[i + 1];
  });
  return new SafeHtml(out);
}

/** Trusted markup that is not built by `html`: the report's own stylesheet and script. */
export function trusted(markup: string): SafeHtml {
  return new SafeHtml(markup);
}

/**
 * JSON data for a `<script type="application/json">` element. The HTML parser ends such an
 * element at the first "</script" and treats "<!--" specially; "<" can only occur inside JSON
 * strings, where "\u003c" means the same, so writing it that way keeps the data inert.
 */
export function scriptJson(value: unknown): SafeHtml {
  return new SafeHtml(JSON.stringify(value).replace(/</g, '\\u003c'));
}
