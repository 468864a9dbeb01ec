import { ts } from '#typescript';
import type { ClientValue } from './bindings.js';
import { member } from './client-members.js';
import type { ClientValues } from './client-values.js';

/**
 * What a parameter receives, where syntax can tell: the module of `import(x).then((m) => ...)`; and, never certain,
 * the target of a `Proxy` `construct` trap over a client constructor, a parameter typed `typeof PrismaClient`, or one
 * whose default is a client constructor.
 */
export function parameterSource(parameter: ts.ParameterDeclaration, values: ClientValues): ClientValue | undefined {
  const fn = parameter.parent;
  const first = fn.parameters[0] === parameter;
  const call = fn.parent;
  if (
    first &&
    ts.isCallExpression(call) &&
    call.arguments[0] === fn &&
    ts.isPropertyAccessExpression(call.expression) &&
    call.expression.name.text === 'then'
  ) {
    const promised = values.of(call.expression.expression);
    if (promised?.type !== 'constructor') return promised;
  }
  const proxied = first ? proxyTarget(fn) : undefined;
  const typed = parameter.type && ts.isTypeQueryNode(parameter.type) ? entity(parameter.type.exprName, values) : undefined;
  const defaulted = parameter.initializer ? values.of(parameter.initializer) : undefined;
  const value = [proxied ? values.of(proxied) : undefined, typed, defaulted].find((v) => v?.type === 'constructor');
  return value ? { ...value, binding: undefined, review: 'unresolved-constructor' } : undefined;
}

/** The first argument of `new Proxy(target, { construct(t, args) { ... } })` when `fn` is that trap. */
function proxyTarget(fn: ts.SignatureDeclaration): ts.Expression | undefined {
  const holder = ts.isMethodDeclaration(fn) ? fn : ts.isPropertyAssignment(fn.parent) ? fn.parent : undefined;
  if (!holder || !ts.isIdentifier(holder.name) || holder.name.text !== 'construct') return undefined;
  const object = holder.parent;
  const proxy = object.parent;
  if (!ts.isObjectLiteralExpression(object) || !proxy || !ts.isNewExpression(proxy)) return undefined;
  if (!ts.isIdentifier(proxy.expression) || proxy.expression.text !== 'Proxy' || proxy.arguments?.[1] !== object) return undefined;
  return proxy.arguments[0];
}

/** The value an entity name in `typeof X` or `typeof P.PrismaClient` names. */
function entity(name: ts.EntityName, values: ClientValues): ClientValue | undefined {
  if (ts.isQualifiedName(name)) return member(entity(name.left, values), name.right.text);
  const declared = values.scopes.findDeclaration(name.text, name);
  return declared ? values.ofName(declared) : undefined;
}
