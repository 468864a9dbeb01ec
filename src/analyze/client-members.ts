import type { ts } from '#typescript';
import type { ClientValue } from './bindings.js';

/**
 * A member of a client value: `PrismaClient` of a module, its `default` (interop), or a class a project module
 * exports. A member whose name the syntax does not give (`P[key]`, `{ [key]: C }`) may be the constructor: it is
 * one for review.
 */
export function member(base: ClientValue | undefined, name: string | undefined, keyMayNameClient = true): ClientValue | undefined {
  if (!base) return undefined;
  if (name === undefined) return computedMember(base, keyMayNameClient);
  if (base.type === 'module') {
    if (name === 'PrismaClient') return { type: 'constructor', origin: base.origin, binding: base.binding, review: base.review };
    return name === 'default' ? base : undefined;
  }
  if (base.type === 'project') {
    const exported = base.exports.get(name);
    if (!exported) return undefined;
    if (exported.form === 'namespace') return { ...base, exports: exported.members ?? new Map() };
    const origin = { kind: base.kind, module: base.module, clientModule: exported.clientModule, edge: exported.edge };
    return { type: exported.form, origin, binding: base.binding, review: exported.reason };
  }
  return undefined;
}

/**
 * `PrismaClient` where the file neither imports nor declares it: a framework's auto-import (Nuxt's `imports` presets,
 * unplugin-auto-import) or a global. Which client it is cannot be told, so a construction through it (`new`,
 * `extends`, `Reflect.construct`, or an alias `const C = PrismaClient`) is for review, never dropped.
 */
export function undeclared(name: ts.Identifier): ClientValue | undefined {
  if (name.text !== 'PrismaClient') return undefined;
  const origin = { kind: 'undeclared' as const, edge: false, module: '@prisma/client', clientModule: '@prisma/client' };
  return { type: 'constructor', origin, binding: undefined, review: 'undeclared-client' };
}

/**
 * `P[key]` of a client module, or of a project module that exports a client: maybe the constructor, never certain.
 * Of a module the tool does not read (a package, a barrel) only when the key may be `PrismaClient` (`keyMayNameClient`:
 * the file spells it in a string, as `const CLASS = 'PrismaClient'` does); `new errors[name]()` of `http-errors` is no client.
 */
function computedMember(base: ClientValue, keyMayNameClient: boolean): ClientValue | undefined {
  if (base.type === 'module' && isUnreadModule(base) && !keyMayNameClient) return undefined;
  const candidate = base.type === 'project' ? [...base.exports.keys()].map((name) => member(base, name)).find((v) => v !== undefined) : base;
  if (!candidate || candidate.type === 'project') return undefined;
  return { type: 'constructor', origin: candidate.origin, binding: undefined, review: 'unresolved-constructor' };
}

/**
 * One of several values (`a ?? b`, `c ? a : b`): certain only when every branch holds the same client the same way;
 * a branch that holds something else, or another client, makes any construction through it a case for review.
 */
export function either(values: ReadonlyArray<ClientValue | undefined>): ClientValue | undefined {
  const clients = values.flatMap((v) => (v && v.type !== 'project' ? [v] : []));
  const [first] = clients;
  if (!first) return undefined;
  const same =
    clients.length === values.length && clients.every((v) => v.type === first.type && v.origin.clientModule === first.origin.clientModule && !v.review);
  if (same) return first;
  const pick = clients.find((v) => v.type === 'constructor') ?? first;
  return { ...pick, binding: undefined, review: 'unresolved-constructor' };
}

/** A module the tool does not read, taken for a client module only by the name `PrismaClient` read from it. */
export function isUnreadModule(value: ClientValue): boolean {
  return value.type === 'module' && (value.review === 'package-client' || value.review === 'project-reexport');
}
