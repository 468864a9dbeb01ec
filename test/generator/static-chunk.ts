import type { RenderedChunk } from './chunks.js';
import type { Code, Fmt } from './code.js';
import { withCollision, wrapIn } from './functions.js';
import type { Spelling, StaticChunk, StaticForm } from './spec.js';

/** How the file spells the client constructor and its type for each import form. */
export interface FileNames {
  readonly alias: string;
  readonly namespace: string;
  readonly destructured: string;
  readonly member: string;
  readonly constAlias: string;
}

/** The expression that names the constructor in a form: `PrismaClient`, `PC`, `P.PrismaClient`, `Client`... */
export function calleeOf(form: StaticForm, names: FileNames): string {
  switch (form) {
    case 'named':
      return 'PrismaClient';
    case 'aliased':
      return names.alias;
    case 'namespace':
      return `${names.namespace}.PrismaClient`;
    case 'default-destructured':
      return names.destructured;
    case 'member-alias':
      return names.member;
    case 'const-alias':
      return names.constAlias;
  }
}

/** `new PrismaClient()`, `new (PC)()`, `new /* pooled *\/ P.PrismaClient()`... */
export function constructorOf(form: StaticForm, names: FileNames, spelling: Spelling = 'plain'): string {
  const callee = calleeOf(form, names);
  if (spelling === 'parens') return `new (${callee})()`;
  if (spelling === 'comment') return `new /* pooled */ ${callee}()`;
  return `new ${callee}()`;
}

/** `PrismaClient`, `PC` or `P.PrismaClient`, for annotations and type arguments; a constant's type for the others. */
export function typeOf(form: StaticForm, names: FileNames): string {
  if (form === 'named' || form === 'aliased' || form === 'namespace') return calleeOf(form, names);
  return `InstanceType<typeof ${calleeOf(form, names)}>`;
}

/** A site created through a static import, in one of the supported positions, with the code that uses it. */
export function renderStatic(chunk: StaticChunk, names: FileNames, f: Fmt): RenderedChunk {
  const { id, local: l, position } = chunk;
  const s = f.s;
  const e = constructorOf(chunk.form, names, chunk.spelling);
  const t = typeOf(chunk.form, names);
  const base: Omit<RenderedChunk, 'blocks' | 'sites'> = { decoys: [], needs: [chunk.form], exports: [] };
  const inFunction = (name: string, params: readonly string[], body: Code): Code => {
    const wrapped = withCollision(chunk.collision, params, body, f);
    return wrapIn(chunk.container, name, wrapped.params, wrapped.body, false, f);
  };
  const noted = (statement: string): { lines: string[]; decoys: string[] } => {
    const text = `client ${id}: one new PrismaClient() per process`;
    if (chunk.note === 'leading') return { lines: [`// ${text}`, statement], decoys: [text] };
    if (chunk.note === 'trailing') return { lines: [`${statement} // ${text}`], decoys: [text] };
    return { lines: [statement], decoys: [] };
  };
  const count = (name: string): Code => [`export function ${name}() {`, [`return ${l}.user.count()${s}`], '}'];

  switch (position) {
    case 'module-const': {
      const statement = noted(`${chunk.declare} ${l} = ${e}${s}`);
      const exported = chunk.declare.startsWith('export');
      return {
        ...base,
        decoys: statement.decoys,
        exports: exported ? [{ name: l, use: 'client' }] : [],
        sites: ['rewrite'],
        blocks: [statement.lines, count(`count${id}`)],
      };
    }
    case 'module-let-reassigned': {
      const statement = noted(`${chunk.declare.startsWith('export') ? 'export let' : 'let'} ${l} = ${e}${s}`);
      const setter = [`export function use${id}(next: ${t}) {`, [`${l} = next${s}`], '}'];
      return { ...base, decoys: statement.decoys, sites: ['reassigned-binding'], blocks: [statement.lines, setter, count(`count${id}`)] };
    }
    case 'class-field': {
      const cls = `Service${id}`;
      const method = chunk.isStatic
        ? ['static async total() {', [`return ${cls}.${l}.user.count()${s}`], '}']
        : ['async total() {', [`return this.${l}.user.count()${s}`], '}'];
      // A constructor parameter named `prisma` is out of the field initializer's scope, but close to it.
      const constructorLines =
        chunk.collision === 'parameter' ? [`readonly label: string${s}`, '', 'constructor(prisma: string) {', [`this.label = prisma${s}`], '}'] : [];
      return {
        ...base,
        sites: ['rewrite'],
        blocks: [[`export class ${cls} {`, [`${chunk.modifiers}${l} = ${e}${s}`, ...constructorLines, '', ...method], '}']],
      };
    }
    case 'constructor-assignment': {
      const label = chunk.collision === 'parameter';
      const members: Code = [
        `${chunk.modifiers}${l}: ${t}${s}`,
        ...(label ? [`readonly label: string${s}`] : []),
        '',
        `constructor(${label ? 'prisma: string' : ''}) {`,
        [...(label ? [`this.label = prisma${s}`] : []), `this.${l} = ${e}${s}`],
        '}',
        '',
        'async total() {',
        [`return this.${l}.user.count()${s}`],
        '}',
      ];
      return { ...base, sites: ['rewrite'], blocks: [[`export class Service${id} {`, members, '}']] };
    }
    case 'function-local':
      return { ...base, sites: ['rewrite'], blocks: [inFunction(`load${id}`, [], [`${chunk.declareLocal} ${l} = ${e}${s}`, `return ${l}.user.count()${s}`])] };
    case 'function-let-reassigned': {
      const body = [`let ${l} = ${e}${s}`, `if (flag) ${l} = next${s}`, `return ${l}.user.count()${s}`];
      return { ...base, sites: ['reassigned-binding'], blocks: [inFunction(`pick${id}`, ['flag: boolean', `next: ${t}`], body)] };
    }
    case 'parameter-default':
      return { ...base, sites: ['rewrite'], blocks: [inFunction(`withClient${id}`, [`${l} = ${e}`], [`return ${l}.user.count()${s}`])] };
    case 'argument': {
      const helper =
        chunk.callee === 'class'
          ? [`export class Repo${id}<C> {`, ['constructor(readonly client: C) {}'], '}']
          : [`export function wrap${id}<C>(client: C) {`, [`return { client }${s}`], '}'];
      const call = chunk.callee === 'class' ? `new Repo${id}${chunk.typeArgument ? `<${t}>` : ''}(${e})` : `wrap${id}(${e})`;
      const use = chunk.level === 'module' ? [`export const repo${id} = ${call}${s}`] : inFunction(`makeRepo${id}`, [], [`return ${call}${s}`]);
      return { ...base, sites: ['rewrite'], blocks: [helper, use] };
    }
    case 'factory-return':
      return { ...base, sites: ['rewrite'], blocks: [inFunction(`createClient${id}`, [], [`return ${e}${s}`])] };
    case 'chained': {
      const use =
        chunk.level === 'module'
          ? [`export const ${l} = ${e}.$extends({})${s}`]
          : inFunction(`extend${id}`, [], [`const ${l} = ${e}.$extends({})${s}`, `return ${l}.user.count()${s}`]);
      return { ...base, sites: ['rewrite'], exports: chunk.level === 'module' ? [{ name: l, use: 'client' }] : [], blocks: [use] };
    }
    case 'member-chain': {
      const body = chunk.declareLocal === 'let' ? [`${e}.$connect()${s}`, `return 0${s}`] : [`return ${e}.user.count()${s}`];
      return { ...base, sites: ['rewrite'], blocks: [inFunction(`query${id}`, [], body)] };
    }
    case 'object-literal': {
      const use =
        chunk.level === 'module'
          ? [`export const holder${id} = { client: ${e}, name: ${f.q('main')} }${s}`]
          : inFunction(`holder${id}`, [], [`return { client: ${e}, table: ${f.q('user')} }${s}`]);
      return { ...base, sites: ['rewrite'], blocks: [use] };
    }
  }
}
