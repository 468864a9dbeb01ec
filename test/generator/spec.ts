import type { FileStyle } from './code.js';

/**
 * A generated program as data: which files, in which style, holding which chunks. The generator draws a spec
 * from a seed, the renderer turns it into file texts plus what the codemod must do with them, and the minimizer
 * shrinks a failing spec by dropping files, chunks and style quirks.
 */
export interface ProgramSpec {
  readonly seed: number;
  readonly files: readonly FileSpec[];
}

export interface FileSpec {
  /** Root-relative POSIX path below src/. */
  readonly path: string;
  readonly style: FileStyle;
  /** Local name of `import { PrismaClient as <alias> }`, when a chunk uses the aliased form. */
  readonly alias: string;
  /** Local name of `import * as <namespace>`, when a chunk uses the namespace form. */
  readonly namespace: string;
  /** The client module specifier the file writes: `@prisma/client`, or a subpath such as `@prisma/client/index.js`. */
  readonly clientSpecifier: string;
  /** `import <defaultName> from ...` for the default-destructured form. */
  readonly defaultName: string;
  /** The local `const { PrismaClient: <destructured> } = <defaultName>` binds (`PrismaClient` unless taken). */
  readonly destructured: string;
  /** `const <member> = <namespace>.PrismaClient`, for the member-alias form. */
  readonly member: string;
  /** `const <constAlias> = PrismaClient`, for the const-alias form. */
  readonly constAlias: string;
  /** Write the named and the aliased binding in one import declaration. */
  readonly combineImports: boolean;
  /** A leading comment line before the imports. */
  readonly header: boolean;
  /** Seed for the order of the import declarations. */
  readonly importOrder: number;
  readonly chunks: readonly Chunk[];
  readonly imports: readonly LocalImport[];
}

/** An import of another generated file's export: a client instance (`client`) or a helper function (`value`). */
export interface LocalImport {
  readonly from: string;
  readonly name: string;
  readonly local: string;
  readonly use: 'client' | 'value' | 'class' | 'barrel';
  readonly id: number;
}

/**
 * How a file binds the constructor: a named, aliased or namespace import; a default import destructured
 * (`const { PrismaClient } = pkg`); a namespace member or a named import copied into a constant (`const Client =
 * P.PrismaClient`, `const Db = PrismaClient`).
 */
export type StaticForm = 'named' | 'aliased' | 'namespace' | 'default-destructured' | 'member-alias' | 'const-alias';
/** How `new` is written: plainly, around a parenthesised callee, or with a comment before the callee. */
export type Spelling = 'plain' | 'parens' | 'comment';
export type DynamicForm = 'destructured' | 'module-object';
/**
 * Where a function-level site lives: a declaration, an arrow (block or expression body), a class method, an arrow
 * inside a function, an arrow-valued class field, or a method of an object literal.
 */
export type Container = 'function' | 'arrow' | 'concise-arrow' | 'method' | 'nested' | 'field-arrow' | 'object-method';
/**
 * A binding named `prisma` around a site: a parameter (plain or destructured), a `const` in an enclosing block or
 * in a sibling block, a loop or catch variable, a `const` in the same switch case, or the name of a function
 * expression that holds the site.
 */
export type Collision =
  | 'none'
  | 'parameter'
  | 'destructured-parameter'
  | 'block-outer'
  | 'block-sibling'
  | 'loop-variable'
  | 'catch-variable'
  | 'switch-case'
  | 'named-function-expression';

export type StaticPosition =
  | 'module-const'
  | 'module-let-reassigned'
  | 'class-field'
  | 'constructor-assignment'
  | 'function-local'
  | 'function-let-reassigned'
  | 'parameter-default'
  | 'argument'
  | 'factory-return'
  | 'chained'
  | 'member-chain'
  | 'object-literal';

export type DynamicUse = 'const' | 'return-chain' | 'await-chain' | 'statement' | 'two-sites' | 'then-callback';

export interface StaticChunk {
  readonly kind: 'static';
  readonly id: number;
  readonly form: StaticForm;
  readonly position: StaticPosition;
  /** The variable, field or parameter that holds the client. */
  readonly local: string;
  /** Module-level declarations: `const`, `export const`, `let` (never reassigned) or `export let`. */
  readonly declare: 'const' | 'export const' | 'let' | 'export let';
  /** Function-level locals: `const`, or a `let` that is never reassigned. */
  readonly declareLocal: 'const' | 'let';
  /** Argument sites with a class callee: `new Repo<PrismaClient>(...)`, a type use next to the site. */
  readonly typeArgument: boolean;
  /** Class fields: the modifiers before the name, with a trailing space. */
  readonly modifiers: string;
  readonly isStatic: boolean;
  readonly container: Container;
  readonly collision: Collision;
  /** Argument, chained and object-literal sites: at module level or inside a function. */
  readonly level: 'module' | 'function';
  /** Argument sites: `new Repo(client)` or `wrap(client)`. */
  readonly callee: 'class' | 'function';
  /** A comment on the module-level statement, before it or after it on its line. */
  readonly note: 'none' | 'leading' | 'trailing';
  readonly spelling: Spelling;
}

export interface DynamicChunk {
  readonly kind: 'dynamic';
  readonly id: number;
  readonly form: DynamicForm;
  readonly use: DynamicUse;
  readonly local: string;
  /** Name of the module object in `const m = await import('@prisma/client')`. */
  readonly moduleName: string;
  readonly container: Container;
  readonly collision: Collision;
  /** A statement before the import that survives it (`const started = Date.now()`). */
  readonly filler: boolean;
  /** The sites sit in a block nested below the import's block. */
  readonly nested: boolean;
}

/** `export let cached: PrismaClient | undefined`: a type-only use that keeps the client import alive. */
export interface TypeUseChunk {
  readonly kind: 'type-use';
  readonly id: number;
  readonly form: StaticForm;
}

/** `export type Tx = Prisma.TransactionClient`, with `Prisma` imported next to `PrismaClient`. */
export interface PrismaTypeChunk {
  readonly kind: 'prisma-type';
  readonly id: number;
}

/** A function with an inner binding of a client-like name, away from any site. */
export interface CollisionChunk {
  readonly kind: 'collision';
  readonly id: number;
  readonly variant: 'parameter' | 'nested-block' | 'reassigned-parameter';
  readonly name: string;
}

export interface UnrelatedChunk {
  readonly kind: 'unrelated';
  readonly id: number;
  readonly variant: 'function' | 'interface' | 'class' | 'const' | 'enum' | 'node-import';
}

/** Comments and string literals that contain the text `new PrismaClient()`, which must survive untouched. */
export interface DecoyChunk {
  readonly kind: 'decoy';
  readonly id: number;
  readonly variant: 'line-comment' | 'block-comment' | 'jsdoc' | 'string' | 'template';
}

/** `export class PrismaService<id> extends <constructor> {}`, optionally constructed in the same file; exported for other files. */
export interface SubclassChunk {
  readonly kind: 'subclass';
  readonly id: number;
  readonly form: StaticForm;
  readonly localNew: boolean;
}

/** `Reflect.construct(<constructor>, [])`. */
export interface ReflectChunk {
  readonly kind: 'reflect';
  readonly id: number;
  readonly form: StaticForm;
}

/** The constructor passed through a generic identity function, then constructed: the tool cannot pin it down. */
export interface PassedChunk {
  readonly kind: 'passed';
  readonly id: number;
  readonly form: StaticForm;
}

/**
 * A barrel that passes the whole client module on without naming PrismaClient: `export * from`, `export * as Db`,
 * `import * as P` then `export { P }`, `import pkg` then `export default pkg`. Another file constructs through it.
 */
export interface BarrelChunk {
  readonly kind: 'barrel';
  readonly id: number;
  readonly form: 'star' | 'namespace-reexport' | 'namespace-exported' | 'default-exported';
}

export type Chunk =
  | BarrelChunk
  | StaticChunk
  | DynamicChunk
  | TypeUseChunk
  | PrismaTypeChunk
  | CollisionChunk
  | UnrelatedChunk
  | DecoyChunk
  | SubclassChunk
  | ReflectChunk
  | PassedChunk;
