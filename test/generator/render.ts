import { posix } from 'node:path';
import type { SourceText } from '../../src/core/types.js';
import { fmtOf, renderFile, type Code, type FileStyle, type Fmt } from './code.js';
import { type Expected, renderChunk, type RenderedChunk } from './chunks.js';
import { Random } from './random.js';
import type { FileSpec, LocalImport, ProgramSpec } from './spec.js';

/** A site the codemod must find, and what it must do with it: rewrite it, or leave it for review with this reason. */
export interface ExpectedSite {
  readonly path: string;
  readonly action: Expected;
}

/** A program's texts and the facts the checks compare the codemod's work against. */
export interface RenderedProgram {
  readonly seed: number;
  /** Source files, sorted by path. */
  readonly files: readonly SourceText[];
  /** package.json, tsconfig.json and prisma/schema.prisma, for the project facts and the type-check. */
  readonly config: readonly SourceText[];
  readonly sites: readonly ExpectedSite[];
  /** Comment and string texts mentioning `new PrismaClient()`, per file; each must survive verbatim. */
  readonly decoys: readonly SourceText[];
  /** Identifiers that name the client constructor somewhere in the program (`PrismaClient`, aliases). */
  readonly constructorNames: ReadonlySet<string>;
  /** The style each source file was written in. */
  readonly styles: ReadonlyMap<string, FileStyle>;
}

export const PACKAGE_JSON = `${JSON.stringify({ name: 'generated-program', private: true, type: 'module', dependencies: { '@prisma/client': '^6.0.0' } }, null, 2)}\n`;
export const TSCONFIG = `${JSON.stringify(
  {
    compilerOptions: { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, noEmit: true, skipLibCheck: true, types: ['node'] },
    include: ['src'],
  },
  null,
  2,
)}\n`;
export const SCHEMA = [
  'generator client {',
  '  provider = "prisma-client-js"',
  '}',
  '',
  'datasource db {',
  '  provider = "postgresql"',
  '  url      = env("DATABASE_URL")',
  '}',
  '',
  'model User {',
  '  id    Int     @id @default(autoincrement())',
  '  email String  @unique',
  '  name  String?',
  '}',
  '',
].join('\n');

/** Turns a spec into file texts; deterministic, and tolerant of a spec the minimizer has cut down. */
export function renderProgram(spec: ProgramSpec): RenderedProgram {
  const rendered = spec.files.map((file) => ({ file, chunks: file.chunks.map((chunk) => renderChunk(chunk, file, fmtOf(file.style))) }));
  const exported = new Set(rendered.flatMap(({ file, chunks }) => chunks.flatMap((c) => c.exports.map((e) => `${file.path}#${e.name}#${e.use}`))));
  const files: SourceText[] = [];
  const sites: ExpectedSite[] = [];
  const decoys: SourceText[] = [];
  const constructorNames = new Set(['PrismaClient']);
  for (const { file, chunks } of rendered) {
    const imports = file.imports.filter((i) => exported.has(`${i.from}#${i.name}#${i.use}`));
    files.push({ path: file.path, text: renderSourceFile(file, chunks, imports) });
    for (const chunk of chunks) {
      for (const action of chunk.sites) sites.push({ path: file.path, action });
      for (const text of chunk.decoys) decoys.push({ path: file.path, text });
      if (chunk.needs.includes('aliased')) constructorNames.add(file.alias);
      for (const name of [file.destructured, file.member, file.constAlias, ...(chunk.constructors ?? [])]) constructorNames.add(name);
    }
    // A subclass imported from another file and constructed here; a client constructed through a barrel.
    for (const local of imports) {
      if (local.use === 'class') {
        sites.push({ path: file.path, action: 'client-subclass' });
        constructorNames.add(local.local);
      }
      if (local.use === 'barrel') {
        sites.push({ path: file.path, action: 'project-reexport' });
        if (local.name === 'PrismaClient') constructorNames.add(`Barrel${local.id}`);
      }
    }
  }
  files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const config = [
    { path: 'package.json', text: PACKAGE_JSON },
    { path: 'tsconfig.json', text: TSCONFIG },
    { path: 'prisma/schema.prisma', text: SCHEMA },
  ];
  return { seed: spec.seed, files, config, sites, decoys, constructorNames, styles: new Map(spec.files.map((file) => [file.path, file.style])) };
}

function renderSourceFile(file: FileSpec, chunks: readonly RenderedChunk[], imports: readonly LocalImport[]): string {
  const f = fmtOf(file.style);
  const needs = new Set(chunks.flatMap((c) => c.needs));
  const declarations = clientImports(file, needs, f);
  if (needs.has('join')) declarations.push(`import { join } from ${f.q('node:path')}${f.s}`);
  for (const local of imports) {
    const barrel = `Barrel${local.id}`;
    const binding = local.use === 'barrel' ? `${local.name} as ${barrel}` : local.local === local.name ? local.name : `${local.name} as ${local.local}`;
    const clause = local.use === 'barrel' && local.name === 'default' ? barrel : `{ ${binding} }`;
    declarations.push(`import ${clause} from ${f.q(relativeSpecifier(file.path, local.from))}${f.s}`);
  }
  const ordered = new Random(file.importOrder).shuffle(declarations);
  const blocks: Code[] = [];
  const head = [...(file.header ? [`// ${posix.basename(file.path, '.ts')} module`] : []), ...ordered, ...clientAliases(file, needs, f)];
  if (head.length > 0) blocks.push(head);
  for (const chunk of chunks) blocks.push(...chunk.blocks);
  for (const local of imports) {
    blocks.push(
      local.use === 'client'
        ? [`export async function via${local.id}() {`, [`return ${local.local}.user.count()${f.s}`], '}']
        : local.use === 'class'
          ? [`export const instance${local.id} = new ${local.local}()${f.s}`]
          : local.use === 'barrel'
            ? [`export const barrel${local.id} = new Barrel${local.id}${local.name === 'PrismaClient' ? '' : '.PrismaClient'}()${f.s}`]
            : [`export const sum${local.id} = ${local.local}(1, 2)${f.s}`],
    );
  }
  return renderFile(blocks, file.style);
}

function clientImports(file: FileSpec, needs: ReadonlySet<string>, f: Fmt): string[] {
  const from = ` from ${f.q(file.clientSpecifier)}${f.s}`;
  const lists: string[][] = [];
  if (needs.has('named') || needs.has('const-alias')) lists.push(['PrismaClient']);
  if (needs.has('aliased')) {
    const aliased = `PrismaClient as ${file.alias}`;
    if (file.combineImports && lists[0]) lists[0].push(aliased);
    else lists.push([aliased]);
  }
  // `Prisma` joins the first named import, or stands alone.
  if (needs.has('Prisma')) {
    if (lists[0]) lists[0].push('Prisma');
    else lists.push(['Prisma']);
  }
  const out = lists.map((list) => `import { ${list.join(', ')} }${from}`);
  if (needs.has('namespace') || needs.has('member-alias')) out.push(`import * as ${file.namespace}${from}`);
  if (needs.has('default-destructured')) out.push(`import ${file.defaultName}${from}`);
  return out;
}

/** The constants some forms read the constructor into, after the imports. */
function clientAliases(file: FileSpec, needs: ReadonlySet<string>, f: Fmt): string[] {
  const out: string[] = [];
  if (needs.has('default-destructured')) {
    const pattern = file.destructured === 'PrismaClient' ? 'PrismaClient' : `PrismaClient: ${file.destructured}`;
    out.push(`const { ${pattern} } = ${file.defaultName}${f.s}`);
  }
  if (needs.has('member-alias')) out.push(`const ${file.member} = ${file.namespace}.PrismaClient${f.s}`);
  if (needs.has('const-alias')) out.push(`const ${file.constAlias} = PrismaClient${f.s}`);
  return out;
}

/** `src/a/b.ts` importing `src/c.ts` writes `../c.js`, as an ESM TypeScript project does. */
export function relativeSpecifier(fromPath: string, toPath: string): string {
  const relative = posix.relative(posix.dirname(fromPath), toPath.replace(/\.ts$/, '.js'));
  return relative.startsWith('.') ? relative : `./${relative}`;
}
