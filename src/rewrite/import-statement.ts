import type { ModuleSyntax } from '../core/types.js';
import { WHOLE_MODULE } from './names.js';
import { quoted, type CodeStyle } from './style.js';

/** The names the file imports the singleton's export under, and the one import (or require) statement for them. */
export class ImportSpecifiers {
  private readonly specifiers: string[] = [];
  private readonly locals: string[] = [];

  /** `present`: local names an import the file keeps already gives the export; they are not imported again. */
  constructor(
    private readonly exportName: string,
    private readonly syntax: ModuleSyntax,
    private readonly present: readonly string[] = [],
  ) {}

  add(local: string): void {
    if (this.present.includes(local)) return;
    if (!this.locals.includes(local)) this.locals.push(local);
    const separator = this.syntax === 'require' ? ': ' : ' as ';
    // A client that is the CommonJS module itself is its `default` to an ES import.
    const name = this.exportName === WHOLE_MODULE ? 'default' : this.exportName;
    const specifier = local === name && name !== 'default' ? name : `${name}${separator}${local}`;
    if (!this.specifiers.includes(specifier)) this.specifiers.push(specifier);
  }

  /** The names as they stand between the braces of an import (`prisma as db`), in the order they were added. */
  get list(): readonly string[] {
    return this.specifiers;
  }

  /** `import { prisma } from '../lib/prisma'` (or `const { prisma } = require(...)`), undefined when nothing is imported. */
  statement(specifier: string, style: CodeStyle): string | undefined {
    if (this.specifiers.length === 0) return undefined;
    const semi = style.semicolons ? ';' : '';
    // A CommonJS singleton under verbatimModuleSyntax is the client itself (`export =`): one import-equals a name.
    if (this.syntax === 'import-equals') return this.locals.map((local) => `import ${local} = require(${quoted(specifier, style)})${semi}`).join(style.eol);
    // `module.exports = prisma`: required whole, one name per local.
    if (this.syntax === 'require' && this.exportName === WHOLE_MODULE) {
      return this.locals.map((local) => `const ${local} = require(${quoted(specifier, style)})${semi}`).join(style.eol);
    }
    const [only] = this.specifiers;
    const defaultLocal = this.specifiers.length === 1 && only?.startsWith('default as ') ? only.slice('default as '.length) : undefined;
    return this.syntax === 'require'
      ? `const { ${this.specifiers.join(', ')} } = require(${quoted(specifier, style)})${semi}`
      : `import ${defaultLocal ?? `{ ${this.specifiers.join(', ')} }`} from ${quoted(specifier, style)}${semi}`;
  }
}
