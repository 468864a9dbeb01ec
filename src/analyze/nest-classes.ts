import { ts } from '#typescript';
import { skipWrappers } from './expressions.js';
import type { Scopes } from './scope.js';

/**
 * What a NestJS file declares, by syntax and binding: classes that Nest instantiates through dependency injection
 * (providers, controllers, resolvers, gateways...), `@Module()` classes with their metadata arrays, and the root
 * module a bootstrap (`NestFactory.create(AppModule)`) starts from. A decorator counts only when its name is bound
 * to an import from a `@nestjs/` package, so a local stand-in called `Injectable` is not one.
 */

/** Class decorators whose class Nest builds with constructor injection. `@Catch()` filters are often built with `new`: not one. */
const INJECTED = new Set(['Injectable', 'Controller', 'Resolver', 'WebSocketGateway', 'Processor', 'CommandHandler', 'QueryHandler', 'EventsHandler']);

/** The metadata arrays of a `@Module({...})` that the migration reads or edits. */
export type ModuleArrayName = 'providers' | 'imports' | 'exports' | 'controllers';

/** One `@Module()` class. */
export interface NestModule {
  readonly declaration: ts.ClassDeclaration;
  readonly name: string;
  /** Decorated with `@Global()` from `@nestjs/common`. */
  readonly global: boolean;
  /** The object literal passed to `@Module(...)`; undefined when it is not one (a variable, a spread). */
  readonly metadata: ts.ObjectLiteralExpression | undefined;
  /** The array literal of each metadata property written as one. */
  readonly arrays: ReadonlyMap<ModuleArrayName, ts.ArrayLiteralExpression>;
}

/** Where an identifier's value comes from when it is imported: the specifier and the imported name (`default` for a default import). */
export interface ImportedName {
  readonly specifier: string;
  readonly name: string;
}

/** The name of the `@nestjs/...` class decorator that makes Nest build the class by injection; undefined for any other class. */
export function injectedDecorator(declaration: ts.ClassLikeDeclaration, scopes: Scopes): string | undefined {
  for (const name of nestDecorators(declaration, scopes)) if (INJECTED.has(name)) return name;
  return undefined;
}

/**
 * Whether Nest builds the class more than once: `@Injectable({ scope: Scope.REQUEST })` (one instance per request,
 * and so per request for everything that injects it), `Scope.TRANSIENT` (one per consumer), or `durable: true`
 * (one per tenant). Any scope other than `Scope.DEFAULT` counts, a computed one too.
 */
export function isScopedProvider(declaration: ts.ClassLikeDeclaration, scopes: Scopes): boolean {
  const injectable = nestDecoratorCalls(declaration, scopes).find((d) => d.name === 'Injectable');
  const [options] = injectable?.call.arguments ?? [];
  if (!options || !ts.isObjectLiteralExpression(options)) return false;
  return options.properties.some((property) => {
    if (!ts.isPropertyAssignment(property) || !ts.isIdentifier(property.name)) return false;
    const value = property.initializer;
    if (property.name.text === 'durable') return value.kind === ts.SyntaxKind.TrueKeyword;
    if (property.name.text !== 'scope') return false;
    const isDefault = (ts.isPropertyAccessExpression(value) && value.name.text === 'DEFAULT') || (ts.isNumericLiteral(value) && value.text === '0');
    return !isDefault;
  });
}

/** Every `@Module()` class of the file. */
export function nestModules(sourceFile: ts.SourceFile, scopes: Scopes): NestModule[] {
  const out: NestModule[] = [];
  for (const statement of sourceFile.statements) {
    if (!ts.isClassDeclaration(statement) || !statement.name) continue;
    const decorators = nestDecoratorCalls(statement, scopes);
    const module = decorators.find((d) => d.name === 'Module');
    if (!module) continue;
    const [argument] = module.call.arguments;
    const metadata = argument && ts.isObjectLiteralExpression(argument) ? argument : undefined;
    const arrays = new Map<ModuleArrayName, ts.ArrayLiteralExpression>();
    for (const property of metadata?.properties ?? []) {
      if (!ts.isPropertyAssignment(property) || !ts.isIdentifier(property.name) || !ts.isArrayLiteralExpression(property.initializer)) continue;
      const key = property.name.text;
      if (key === 'providers' || key === 'imports' || key === 'exports' || key === 'controllers') arrays.set(key, property.initializer);
    }
    out.push({ declaration: statement, name: statement.name.text, global: decorators.some((d) => d.name === 'Global'), metadata, arrays });
  }
  return out;
}

/** The `useClass` values of the object literals an array lists (`[{ provide: 'DB', useClass: PrismaClient }]`): names and members. */
export function useClassValues(array: ts.ArrayLiteralExpression): Array<ts.Identifier | ts.PropertyAccessExpression> {
  return array.elements.filter(ts.isObjectLiteralExpression).flatMap((element) =>
    element.properties.flatMap((property) => {
      if (!ts.isPropertyAssignment(property) || !ts.isIdentifier(property.name) || property.name.text !== 'useClass') return [];
      const value = skipWrappers(property.initializer);
      return ts.isIdentifier(value) || ts.isPropertyAccessExpression(value) ? [value] : [];
    }),
  );
}

/** The identifiers an array literal lists directly (`[UsersService, PrismaService]`); spreads and objects are not read. */
export function listedNames(array: ts.ArrayLiteralExpression): ts.Identifier[] {
  return array.elements.filter(ts.isIdentifier);
}

/**
 * The module classes an `imports` array names, written as Nest code writes them: `X`, `X.forRoot(...)` (any static
 * call on the class), `forwardRef(() => X)`. `unread` when some element is none of these (a spread, a variable's call).
 */
export function importedModules(array: ts.ArrayLiteralExpression): { readonly names: ts.Identifier[]; readonly unread: boolean } {
  const names: ts.Identifier[] = [];
  let unread = false;
  for (const element of array.elements) {
    const name = moduleNamed(element);
    if (name) names.push(name);
    else unread = true;
  }
  return { names, unread };
}

function moduleNamed(element: ts.Expression): ts.Identifier | undefined {
  if (ts.isIdentifier(element)) return element;
  if (!ts.isCallExpression(element)) return undefined;
  const callee = element.expression;
  if (ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.expression)) return callee.expression;
  const [factory] = element.arguments;
  if (ts.isIdentifier(callee) && callee.text === 'forwardRef' && factory && ts.isArrowFunction(factory) && ts.isIdentifier(factory.body)) return factory.body;
  return undefined;
}

/** The module a bootstrap starts from: the identifier passed to `NestFactory.create`, `createApplicationContext` or `createMicroservice`. */
export function bootstrapModule(sourceFile: ts.SourceFile, scopes: Scopes): ts.Identifier | undefined {
  let found: ts.Identifier | undefined;
  const visit = (node: ts.Node): void => {
    if (found) return;
    if (
      ts.isCallExpression(node) &&
      ts.isPropertyAccessExpression(node.expression) &&
      /^create(ApplicationContext|Microservice)?$/.test(node.expression.name.text)
    ) {
      const owner = node.expression.expression;
      const [first] = node.arguments;
      if (ts.isIdentifier(owner) && importedName(owner, scopes)?.name === 'NestFactory' && first && ts.isIdentifier(first)) found = first;
    }
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return found;
}

/** The import an identifier is bound to (a named or default value import), or undefined for anything else. */
export function importedName(identifier: ts.Identifier, scopes: Scopes): ImportedName | undefined {
  const declared = scopes.findDeclaration(identifier.text, identifier);
  const parent = declared?.parent;
  if (!parent) return undefined;
  if (ts.isImportSpecifier(parent) && !parent.isTypeOnly) {
    const declaration = parent.parent.parent.parent;
    if (declaration.importClause?.phaseModifier === ts.SyntaxKind.TypeKeyword || !ts.isStringLiteral(declaration.moduleSpecifier)) return undefined;
    return { specifier: declaration.moduleSpecifier.text, name: (parent.propertyName ?? parent.name).text };
  }
  if (ts.isImportClause(parent) && parent.phaseModifier !== ts.SyntaxKind.TypeKeyword && ts.isStringLiteral(parent.parent.moduleSpecifier)) {
    return { specifier: parent.parent.moduleSpecifier.text, name: 'default' };
  }
  return undefined;
}

function nestDecorators(declaration: ts.ClassLikeDeclaration, scopes: Scopes): string[] {
  return nestDecoratorCalls(declaration, scopes).map((d) => d.name);
}

function nestDecoratorCalls(declaration: ts.ClassLikeDeclaration, scopes: Scopes): Array<{ name: string; call: ts.CallExpression }> {
  const out: Array<{ name: string; call: ts.CallExpression }> = [];
  for (const decorator of ts.getDecorators(declaration) ?? []) {
    const call = decorator.expression;
    if (!ts.isCallExpression(call) || !ts.isIdentifier(call.expression)) continue;
    const imported = importedName(call.expression, scopes);
    if (imported?.specifier.startsWith('@nestjs/')) out.push({ name: imported.name, call });
  }
  return out;
}
