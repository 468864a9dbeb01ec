import type { ReasonId } from '../../src/core/types.js';
import type { Code, Fmt } from './code.js';
import { renderDynamic } from './dynamic-chunk.js';
import type { BarrelChunk, Chunk, StaticForm } from './spec.js';
import { calleeOf, renderStatic, typeOf, type FileNames } from './static-chunk.js';

/** What the codemod must do with a site: rewrite it, or leave it for review with this reason. */
export type Expected = 'rewrite' | ReasonId;

/** What one chunk contributes: top-level blocks, the sites it creates (in order), and texts that must survive. */
export interface RenderedChunk {
  readonly blocks: readonly Code[];
  readonly sites: readonly Expected[];
  readonly decoys: readonly string[];
  /** Client imports the chunk needs. */
  readonly needs: readonly (StaticForm | 'Prisma' | 'join')[];
  /** Names the chunk exports for other files: client instances, two-argument helper functions, client subclasses. */
  readonly exports: readonly { readonly name: string; readonly use: 'client' | 'value' | 'class' | 'barrel' }[];
  /** Names that construct a client besides the file's own spellings: subclasses, constructors passed through a call. */
  readonly constructors?: readonly string[];
}

const NONE: Omit<RenderedChunk, 'blocks'> = { sites: [], decoys: [], needs: [], exports: [] };

/** Renders one chunk in the file's names and style. */
export function renderChunk(chunk: Chunk, names: FileNames & { readonly clientSpecifier: string }, f: Fmt): RenderedChunk {
  switch (chunk.kind) {
    case 'static':
      return renderStatic(chunk, names, f);
    case 'dynamic':
      return renderDynamic(chunk, f, names.clientSpecifier);
    case 'subclass': {
      const name = `PrismaService${chunk.id}`;
      const declaration = [`export class ${name} extends ${calleeOf(chunk.form, names)} {}`];
      const local = chunk.localNew ? [[`export const service${chunk.id} = new ${name}()${f.s}`]] : [];
      const sites: Expected[] = chunk.localNew ? ['client-subclass', 'client-subclass'] : ['client-subclass'];
      return { ...NONE, needs: [chunk.form], sites, exports: [{ name, use: 'class' }], constructors: [name], blocks: [declaration, ...local] };
    }
    case 'barrel':
      return { ...NONE, ...renderBarrel(chunk, names.clientSpecifier, f) };
    case 'reflect':
      return {
        ...NONE,
        needs: [chunk.form],
        sites: ['reflect-construct'],
        blocks: [[`export const reflected${chunk.id} = Reflect.construct(${calleeOf(chunk.form, names)}, [])${f.s}`]],
      };
    case 'passed': {
      const picked = `Picked${chunk.id}`;
      const lines = [
        [`function pass${chunk.id}<T>(value: T): T {`, [`return value${f.s}`], '}'],
        [`const ${picked} = pass${chunk.id}(${calleeOf(chunk.form, names)})${f.s}`, `export const picked${chunk.id} = new ${picked}()${f.s}`],
      ];
      return { ...NONE, needs: [chunk.form], sites: ['unresolved-constructor'], constructors: [picked], blocks: lines };
    }
    case 'type-use':
      return { ...NONE, needs: [chunk.form], blocks: [[`export let cached${chunk.id}: ${typeOf(chunk.form, names)} | undefined${f.s}`]] };
    case 'prisma-type':
      return { ...NONE, needs: ['Prisma'], blocks: [[`export type Tx${chunk.id} = Prisma.TransactionClient${f.s}`]] };
    case 'collision':
      return { ...NONE, blocks: [collisionBlock(chunk.variant, chunk.name, chunk.id, f)] };
    case 'unrelated':
      return unrelated(chunk.variant, chunk.id, f);
    case 'decoy':
      return decoy(chunk.variant, chunk.id, f);
  }
}

function collisionBlock(variant: 'parameter' | 'nested-block' | 'reassigned-parameter', name: string, id: number, f: Fmt): Code {
  if (variant === 'reassigned-parameter') return [`export function bump${id}(${name}: number) {`, [`${name} += 1${f.s}`, `return ${name}${f.s}`], '}'];
  if (variant === 'parameter') return [`export function describe${id}(${name}: string) {`, [`return ${name}.toUpperCase()${f.s}`], '}'];
  return [`export function nested${id}(n: number) {`, ['if (n > 0) {', [`const ${name} = n * 2${f.s}`, `return ${name}${f.s}`], '}', `return 0${f.s}`], '}'];
}

function unrelated(variant: 'function' | 'interface' | 'class' | 'const' | 'enum' | 'node-import', id: number, f: Fmt): RenderedChunk {
  const s = f.s;
  switch (variant) {
    case 'function':
      return {
        ...NONE,
        exports: [{ name: `add${id}`, use: 'value' }],
        blocks: [[`export function add${id}(a: number, b: number) {`, [`return a + b${s}`], '}']],
      };
    case 'interface':
      return { ...NONE, blocks: [[`export interface UserDto${id} {`, [`id: number${s}`, `name: string | null${s}`], '}']] };
    case 'class':
      return {
        ...NONE,
        blocks: [
          [
            `export class Cache${id} {`,
            [`private readonly items = new Map<string, number>()${s}`, '', 'get(key: string) {', [`return this.items.get(key) ?? 0${s}`], '}'],
            '}',
          ],
        ],
      };
    case 'const':
      return { ...NONE, blocks: [[`export const limits${id} = { max: 10, label: ${f.q('users')}, since: new Date(0) }${s}`]] };
    case 'enum':
      return { ...NONE, blocks: [[`export enum Role${id} {`, ['Admin,', 'Member,'], '}']] };
    case 'node-import':
      return { ...NONE, needs: ['join'], blocks: [[`export const dataDir${id} = join(${f.q('data')}, ${f.q(String(id))})${s}`]] };
  }
}

function decoy(variant: 'line-comment' | 'block-comment' | 'jsdoc' | 'string' | 'template', id: number, f: Fmt): RenderedChunk {
  const text = `do not call new PrismaClient() here (${id})`;
  switch (variant) {
    case 'line-comment':
      return { ...NONE, decoys: [text], blocks: [[`// ${text}`]] };
    case 'block-comment':
      return { ...NONE, decoys: [text], blocks: [[`/* ${text} */`]] };
    case 'jsdoc':
      return { ...NONE, decoys: [text], blocks: [['/**', ` * ${text}`, ' */', `export function note${id}() {`, [`return ${id}${f.s}`], '}']] };
    case 'string':
      return { ...NONE, decoys: [text], blocks: [[`export const hint${id} = ${f.q(text)}${f.s}`]] };
    case 'template':
      return { ...NONE, decoys: [text], blocks: [[`export const hintTemplate${id} = \`${text}: \${${id} + 1}\`${f.s}`]] };
  }
}

/** A barrel's lines, and the name other files import through it (`PrismaClient`, a namespace, or `default`). */
function renderBarrel(chunk: BarrelChunk, specifier: string, f: Fmt): Pick<RenderedChunk, 'blocks' | 'exports'> {
  const from = f.q(specifier);
  const namespace = `Db${chunk.id}`;
  const [lines, name] =
    chunk.form === 'star'
      ? [[`export * from ${from}${f.s}`], 'PrismaClient']
      : chunk.form === 'namespace-reexport'
        ? [[`export * as ${namespace} from ${from}${f.s}`], namespace]
        : chunk.form === 'namespace-exported'
          ? [[`import * as ${namespace} from ${from}${f.s}`, `export { ${namespace} }${f.s}`], namespace]
          : [[`import pkg${chunk.id} from ${from}${f.s}`, `export default pkg${chunk.id}${f.s}`], 'default'];
  return { blocks: [lines], exports: [{ name, use: 'barrel' }] };
}
