/** How one generated file is written: each file picks its own habits and keeps them throughout. */
export interface FileStyle {
  readonly quote: "'" | '"';
  readonly semicolons: boolean;
  readonly crlf: boolean;
  readonly bom: boolean;
  readonly indent: 2 | 4;
  readonly finalNewline: boolean;
}

export const PLAIN_STYLE: FileStyle = { quote: "'", semicolons: true, crlf: false, bom: false, indent: 2, finalNewline: true };

/** Lines of code; a nested array is a block one level deeper than its parent. */
export type Code = readonly (string | Code)[];

/** What snippets need from the style: a quoting function and the statement terminator. */
export interface Fmt {
  readonly q: (value: string) => string;
  readonly s: string;
}

export function fmtOf(style: FileStyle): Fmt {
  return { q: (value) => `${style.quote}${value}${style.quote}`, s: style.semicolons ? ';' : '' };
}

/** Renders top-level blocks separated by one blank line, in the file's indentation, line ending and BOM. */
export function renderFile(blocks: readonly Code[], style: FileStyle): string {
  const lines: string[] = [];
  const unit = ' '.repeat(style.indent);
  const walk = (code: Code, depth: number): void => {
    for (const item of code) {
      if (typeof item === 'string') lines.push(item === '' ? '' : unit.repeat(depth) + item);
      else walk(item, depth + 1);
    }
  };
  blocks.forEach((block, index) => {
    if (index > 0) lines.push('');
    walk(block, 0);
  });
  const eol = style.crlf ? '\r\n' : '\n';
  return (style.bom ? '\uFEFF' : '') + lines.join(eol) + (style.finalNewline ? eol : '');
}
