import { renderChunk } from './chunks.js';
import { fmtOf, type FileStyle } from './code.js';
import { Random } from './random.js';
import type { Chunk, Collision, Container, DynamicChunk, FileSpec, LocalImport, ProgramSpec, StaticChunk, StaticForm, StaticPosition } from './spec.js';

const DIRS = ['routes', 'services', 'modules', 'api', 'jobs', 'users', 'billing', 'lib', 'db', 'handlers', 'admin', 'core', 'features', 'orders'];
const NAMES = [
  'users',
  'orders',
  'billing',
  'auth',
  'session',
  'reports',
  'audit',
  'catalog',
  'inventory',
  'search',
  'index',
  'health',
  'notifications',
  'payments',
  'db',
  'client',
  'repository',
  'handler',
];
const SUFFIXES = ['', '', '', '.service', '.repo', '.routes'];
/** Names a client may live under: the usual ones first, then fallbacks once a module has used them up. */
const MODULE_LOCALS = ['prisma', 'db', 'client', 'database', 'conn'];
const LOCALS = ['prisma', 'db', 'client'];
const POSITIONS: readonly StaticPosition[] = [
  'module-const',
  'module-const',
  'module-const',
  'class-field',
  'class-field',
  'constructor-assignment',
  'function-local',
  'function-local',
  'parameter-default',
  'argument',
  'factory-return',
  'chained',
  'member-chain',
  'object-literal',
  'module-let-reassigned',
  'function-let-reassigned',
];
const FORMS: readonly StaticForm[] = [
  'named',
  'named',
  'named',
  'aliased',
  'aliased',
  'namespace',
  'namespace',
  'default-destructured',
  'member-alias',
  'const-alias',
];
const BARRELS = ['star', 'namespace-reexport', 'namespace-exported', 'default-exported'] as const;
const CONTAINERS: readonly Container[] = ['function', 'function', 'arrow', 'concise-arrow', 'method', 'nested', 'field-arrow', 'object-method'];
const COLLISIONS: readonly Collision[] = [
  'none',
  'none',
  'none',
  'none',
  'parameter',
  'destructured-parameter',
  'block-outer',
  'block-sibling',
  'loop-variable',
  'catch-variable',
  'switch-case',
  'named-function-expression',
];
/** Collisions that declare `prisma` in the scope the site's own declarations go to. */
const SAME_SCOPE: readonly Collision[] = ['parameter', 'destructured-parameter', 'switch-case'];

/** Draws one program from its seed: one to five files that create clients, helper files, and files that import them. */
export function generateProgram(seed: number): ProgramSpec {
  const r = new Random(seed);
  const ids = { next: 1 };
  const paths = new Set<string>();
  const files: FileSpec[] = [];
  const clientFiles = r.pick([1, 1, 2, 2, 2, 3, 3, 4, 5]);
  for (let i = 0; i < clientFiles; i += 1) files.push(clientFile(r, newPath(r, paths), ids));
  for (let i = r.pick([0, 0, 1, 1, 2]); i > 0; i -= 1) files.push(plainFile(r, newPath(r, paths), extraChunks(r, ids, r.int(1, 3))));
  if (r.chance(0.2)) files.push(plainFile(r, newPath(r, paths), [{ kind: 'barrel', id: ids.next++, form: r.pick(BARRELS) }]));

  // Wire imports between files: helpers into client files, exported clients into consumer files.
  const exports = files.flatMap((file) =>
    file.chunks.flatMap((chunk) => renderChunk(chunk, file, fmtOf(file.style)).exports.map((e) => ({ ...e, from: file.path }))),
  );
  const clients = exports.filter((e) => e.use === 'client');
  const classes = exports.filter((e) => e.use === 'class');
  const barrels = exports.filter((e) => e.use === 'barrel');
  const withImports = files.map((file) => {
    const imports: LocalImport[] = [];
    const helpers = exports.filter((e) => e.use === 'value' && e.from !== file.path);
    if (helpers.length > 0 && r.chance(0.3)) {
      const helper = r.pick(helpers);
      imports.push({ from: helper.from, name: helper.name, local: helper.name, use: 'value', id: ids.next++ });
    }
    // A half-migrated codebase: a file that creates clients also imports another file's client, under a
    // module-level name the codemod must then keep clear of.
    const others = clients.filter((e) => e.from !== file.path);
    if (others.length > 0 && r.chance(0.25)) {
      const target = r.pick(others);
      const taken = moduleLevelNames(file.chunks).has(target.name);
      const id = ids.next++;
      imports.push({ from: target.from, name: target.name, local: taken ? `${target.name}${id}` : target.name, use: 'client', id });
    }
    // A client constructed through a barrel another file is.
    const barrel = barrels.find((e) => e.from !== file.path);
    if (barrel && r.chance(0.6)) imports.push({ from: barrel.from, name: barrel.name, local: barrel.name, use: 'barrel', id: ids.next++ });
    // A subclass another file declares, constructed here.
    const foreign = classes.filter((e) => e.from !== file.path);
    if (foreign.length > 0 && r.chance(0.5)) {
      const target = r.pick(foreign);
      imports.push({ from: target.from, name: target.name, local: target.name, use: 'class', id: ids.next++ });
    }
    return imports.length > 0 ? { ...file, imports } : file;
  });
  for (let i = clients.length > 0 ? r.pick([0, 1, 1, 2]) : 0; i > 0; i -= 1) {
    const imports: LocalImport[] = [];
    for (const target of r.shuffle(clients).slice(0, r.int(1, 2))) {
      const taken = imports.some((x) => x.local === target.name);
      const id = ids.next++;
      imports.push({ from: target.from, name: target.name, local: taken ? `${target.name}${id}` : target.name, use: 'client', id });
    }
    const extra = r.chance(0.4) ? extraChunks(r, ids, 1) : [];
    withImports.push({ ...plainFile(r, newPath(r, paths), extra), imports });
  }
  return { seed, files: withImports };
}

/** The client locals a file declares at its top level, which an import into it must not reuse. */
function moduleLevelNames(chunks: readonly Chunk[]): Set<string> {
  return new Set(chunks.flatMap((chunk) => (chunk.kind === 'static' && isModuleLocal(chunk) ? [chunk.local] : [])));
}

function isModuleLocal(chunk: StaticChunk): boolean {
  return chunk.position === 'module-const' || chunk.position === 'module-let-reassigned' || (chunk.position === 'chained' && chunk.level === 'module');
}

function newPath(r: Random, taken: Set<string>): string {
  for (;;) {
    const dirs = Array.from({ length: r.pick([0, 1, 1, 2, 2, 3]) }, () => r.pick(DIRS));
    const path = ['src', ...dirs, `${r.pick(NAMES)}${r.pick(SUFFIXES)}.ts`].join('/');
    if (!taken.has(path) && path !== 'src/lib/prisma.ts') {
      taken.add(path);
      return path;
    }
  }
}

function randomStyle(r: Random): FileStyle {
  return {
    quote: r.pick(["'", '"'] as const),
    semicolons: r.chance(0.6),
    crlf: r.chance(0.25),
    bom: r.chance(0.15),
    indent: r.pick([2, 4] as const),
    finalNewline: r.chance(0.9),
  };
}

/** The names a file's forms use; `PrismaClient` is destructured under its own name unless a named import takes it. */
function formNames(r: Random, forms: readonly StaticForm[]): Pick<FileSpec, 'clientSpecifier' | 'defaultName' | 'destructured' | 'member' | 'constAlias'> {
  return {
    clientSpecifier: r.pick(['@prisma/client', '@prisma/client', '@prisma/client', '@prisma/client/index.js']),
    defaultName: r.pick(['pkg', 'PrismaPkg']),
    destructured: forms.includes('named') || forms.includes('const-alias') ? 'DestructuredClient' : 'PrismaClient',
    member: r.pick(['MemberClient', 'NsClient']),
    constAlias: r.pick(['Db', 'ClientClass', 'PrismaCtor2']),
  };
}

function plainFile(r: Random, path: string, chunks: readonly Chunk[]): FileSpec {
  return {
    path,
    style: randomStyle(r),
    alias: 'PC',
    namespace: 'P',
    clientSpecifier: '@prisma/client',
    defaultName: 'pkg',
    destructured: 'PrismaClient',
    member: 'MemberClient',
    constAlias: 'Db',
    combineImports: false,
    header: r.chance(0.3),
    importOrder: r.int(0, 1e9),
    chunks,
    imports: [],
  };
}

function clientFile(r: Random, path: string, ids: { next: number }): FileSpec {
  const mode = r.pick(['static', 'static', 'static', 'dynamic', 'mixed'] as const);
  const forms: StaticForm[] = mode === 'dynamic' ? [] : [...new Set(r.shuffle<StaticForm>([...FORMS]).slice(0, r.pick([1, 1, 2])))];
  const moduleNames = new Set<string>();
  const chunks: Chunk[] = [];
  const sites = r.int(1, 4);
  for (let i = 0; i < sites; i += 1) {
    const dynamic = forms.length === 0 || (mode === 'mixed' && r.chance(0.4));
    chunks.push(dynamic ? dynamicChunk(r, ids.next++) : staticChunk(r, ids.next++, r.pick(forms), moduleNames));
  }
  if (forms.length > 0 && r.chance(0.25)) chunks.push({ kind: 'type-use', id: ids.next++, form: r.pick(forms) });
  if (forms.some((f) => f === 'named' || f === 'aliased') && r.chance(0.15)) chunks.push({ kind: 'prisma-type', id: ids.next++ });
  if (forms.length > 0 && r.chance(0.12)) chunks.push({ kind: 'subclass', id: ids.next++, form: r.pick(forms), localNew: r.chance(0.5) });
  if (forms.length > 0 && r.chance(0.06)) chunks.push({ kind: 'reflect', id: ids.next++, form: r.pick(forms) });
  if (forms.length > 0 && r.chance(0.06)) chunks.push({ kind: 'passed', id: ids.next++, form: r.pick(forms) });
  chunks.push(...extraChunks(r, ids, r.int(0, 3)));
  return {
    path,
    style: randomStyle(r),
    alias: r.pick(['PC', 'Client', 'PrismaCtor', 'DbClient']),
    namespace: r.pick(['P', 'PrismaNs', 'pc']),
    ...formNames(r, forms),
    combineImports: r.chance(0.5),
    header: r.chance(0.3),
    importOrder: r.int(0, 1e9),
    chunks: r.shuffle(chunks),
    imports: [],
  };
}

function staticChunk(r: Random, id: number, form: StaticForm, moduleNames: Set<string>): StaticChunk {
  let position = r.pick(POSITIONS);
  const level = r.pick(['module', 'function'] as const);
  const free = MODULE_LOCALS.filter((name) => !moduleNames.has(name));
  const namesModuleLocal = position === 'module-const' || position === 'module-let-reassigned' || (position === 'chained' && level === 'module');
  if (namesModuleLocal && free.length === 0) position = 'function-local';
  const moduleLevel = namesModuleLocal && free.length > 0;
  let collision: Collision = 'none';
  if (position === 'constructor-assignment' || position === 'class-field') collision = r.pick<Collision>(['none', 'parameter']);
  else if (position === 'parameter-default') collision = r.pick<Collision>(['none', 'parameter', 'destructured-parameter']);
  else if (!moduleLevel) collision = r.pick(COLLISIONS);
  // A parameter named `prisma` and a client local of the same name in one function would not compile.
  const sharesScope = SAME_SCOPE.includes(collision) && position !== 'constructor-assignment' && position !== 'class-field';
  const local = moduleLevel ? r.pick(free.slice(0, Math.max(1, free.length - 2))) : r.pick(sharesScope ? LOCALS.filter((name) => name !== 'prisma') : LOCALS);
  if (moduleLevel) moduleNames.add(local);
  const isStatic = position === 'class-field' && r.chance(0.35);
  return {
    kind: 'static',
    id,
    form,
    position,
    local,
    declare: r.pick(['const', 'const', 'export const', 'export const', 'let', 'export let'] as const),
    declareLocal: r.pick(['const', 'const', 'let'] as const),
    typeArgument: r.chance(0.3),
    modifiers:
      position === 'constructor-assignment'
        ? r.pick(['private ', 'private readonly ', 'readonly ', ''])
        : isStatic
          ? r.pick(['static ', 'private static ', 'static readonly ', 'private static readonly '])
          : r.pick(['', 'private ', 'private readonly ', 'readonly ', 'public ', 'protected ']),
    isStatic,
    container: r.pick(CONTAINERS),
    collision,
    level,
    callee: r.pick(['class', 'function'] as const),
    note: r.pick(['none', 'none', 'leading', 'trailing'] as const),
    spelling: r.pick(['plain', 'plain', 'plain', 'plain', 'parens', 'comment'] as const),
  };
}

function dynamicChunk(r: Random, id: number): DynamicChunk {
  const collision = r.pick(COLLISIONS);
  return {
    kind: 'dynamic',
    id,
    form: r.pick(['destructured', 'destructured', 'module-object'] as const),
    use: r.pick(['const', 'const', 'return-chain', 'await-chain', 'statement', 'two-sites', 'then-callback'] as const),
    local: r.pick(SAME_SCOPE.includes(collision) ? LOCALS.filter((name) => name !== 'prisma') : LOCALS),
    moduleName: r.pick(['m', 'mod', 'prismaModule', 'lib']),
    container: r.pick(CONTAINERS),
    collision,
    filler: r.chance(0.5),
    nested: r.chance(0.25),
  };
}

function extraChunks(r: Random, ids: { next: number }, count: number): Chunk[] {
  return Array.from({ length: count }, (): Chunk => {
    const id = ids.next++;
    const kind = r.pick(['collision', 'collision', 'unrelated', 'unrelated', 'decoy', 'decoy'] as const);
    if (kind === 'collision')
      return { kind, id, variant: r.pick(['parameter', 'nested-block', 'reassigned-parameter'] as const), name: r.pick(['prisma', 'prisma', 'db', 'client']) };
    if (kind === 'unrelated') return { kind, id, variant: r.pick(['function', 'function', 'interface', 'class', 'const', 'enum', 'node-import'] as const) };
    return { kind, id, variant: r.pick(['line-comment', 'block-comment', 'jsdoc', 'string', 'template'] as const) };
  });
}
