import type { Code, Fmt } from './code.js';
import type { Collision, Container } from './spec.js';

/** Puts a function body in its container: a declaration, arrows, a method, a nested arrow, a field arrow or an object method. */
export function wrapIn(container: Container, name: string, params: readonly string[], body: Code, isAsync: boolean, f: Fmt): Code {
  const a = isAsync ? 'async ' : '';
  const p = params.join(', ');
  const [only] = body;
  if (container === 'concise-arrow' && body.length === 1 && typeof only === 'string' && only.startsWith('return ')) {
    const value = only.slice('return '.length, only.length - f.s.length);
    return [`export const ${name} = ${a}(${p}) => ${value.startsWith('{') ? `(${value})` : value}${f.s}`];
  }
  if (container === 'function') return [`export ${a}function ${name}(${p}) {`, body, '}'];
  if (container === 'arrow' || container === 'concise-arrow') return [`export const ${name} = ${a}(${p}) => {`, body, `}${f.s}`];
  if (container === 'nested') return [`export ${a}function ${name}(${p}) {`, [`const inner = ${a}() => {`, body, `}${f.s}`, `return inner()${f.s}`], '}'];
  if (container === 'field-arrow')
    return [`export class ${name[0]?.toUpperCase()}${name.slice(1)}Holder {`, [`${name} = ${a}(${p}) => {`, body, `}${f.s}`], '}'];
  if (container === 'object-method') return [`export const ${name}Api = {`, [`${a}${name}(${p}) {`, body, '},'], `}${f.s}`];
  return [`export class ${name[0]?.toUpperCase()}${name.slice(1)}Holder {`, [`${a}${name}(${p}) {`, body, '}'], '}'];
}

/** Surrounds a function body with a binding named `prisma` in the way the collision says. */
export function withCollision(collision: Collision, params: readonly string[], body: Code, f: Fmt, isAsync = false): { params: string[]; body: Code } {
  const { q, s } = f;
  const unreachable = `throw new Error(${q('unreachable')})${s}`;
  switch (collision) {
    case 'none':
      return { params: [...params], body };
    case 'parameter':
      return { params: ['prisma: string', ...params], body: [`if (!prisma) throw new Error(${q('missing label')})${s}`, ...body] };
    case 'destructured-parameter':
      return { params: ['{ prisma }: { prisma: string }', ...params], body: [`if (!prisma) throw new Error(${q('missing label')})${s}`, ...body] };
    case 'block-outer':
      return { params: [...params], body: [`const prisma = 1${s}`, 'if (prisma > 0) {', body, '}', unreachable] };
    case 'block-sibling':
      return { params: [...params], body: ['if (Date.now() < 0) {', [`const prisma = 2${s}`, `throw new Error(String(prisma))${s}`], '}', ...body] };
    case 'loop-variable':
      return { params: [...params], body: ['for (const prisma of [1, 2]) {', ['if (prisma > 1) {', body, '}'], '}', unreachable] };
    case 'catch-variable':
      return { params: [...params], body: ['try {', [`JSON.parse(${q('{')})${s}`], '} catch (prisma) {', ['if (prisma) {', body, '}'], '}', unreachable] };
    case 'switch-case':
      return {
        params: [...params],
        body: [
          'switch (Date.now() % 2) {',
          ['case 0:', [`const prisma = 0${s}`, `if (prisma !== 0) throw new Error(${q('zero')})${s}`, ...body], 'default:', [unreachable]],
          '}',
        ],
      };
    case 'named-function-expression':
      return { params: [...params], body: [`const run = ${isAsync ? 'async ' : ''}function prisma() {`, body, `}${s}`, `return run()${s}`] };
  }
}
