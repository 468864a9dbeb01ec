import type { RenderedChunk } from './chunks.js';
import type { Code, Fmt } from './code.js';
import { withCollision, wrapIn } from './functions.js';
import type { DynamicChunk } from './spec.js';

/**
 * A site created after `await import('@prisma/client')` (or a subpath) in an async function: destructured or through
 * the module object, used as a local, in a chain, as a statement, twice, or in the `.then` callback of the import.
 */
export function renderDynamic(chunk: DynamicChunk, f: Fmt, specifier: string): RenderedChunk {
  const { local: l, id } = chunk;
  const s = f.s;
  const ctor = chunk.form === 'destructured' ? 'PrismaClient' : `${chunk.moduleName}.PrismaClient`;
  const pattern = chunk.form === 'destructured' ? '{ PrismaClient }' : chunk.moduleName;
  const uses: Record<DynamicChunk['use'], { lines: string[]; sites: number }> = {
    const: { lines: [`const ${l} = new ${ctor}()${s}`, `return ${l}.user.findMany()${s}`], sites: 1 },
    'return-chain': { lines: [`return new ${ctor}().user.count()${s}`], sites: 1 },
    'await-chain': { lines: [`const total = await new ${ctor}().user.count()${s}`, `return total${s}`], sites: 1 },
    statement: { lines: [`new ${ctor}().$connect()${s}`, `return 0${s}`], sites: 1 },
    'two-sites': {
      lines: [`const ${l} = new ${ctor}()${s}`, `const total = await new ${ctor}().user.count()${s}`, `return ${l}.user.findMany({ take: total })${s}`],
      sites: 2,
    },
    'then-callback': { lines: [`return import(${f.q(specifier)}).then((${pattern}) => new ${ctor}().user.count())${s}`], sites: 1 },
  };
  const use = uses[chunk.use];
  const load = chunk.use === 'then-callback' ? [] : [`const ${pattern} = await import(${f.q(specifier)})${s}`];
  const body: Code = [
    ...(chunk.filler ? [`const started = Date.now()${s}`] : []),
    ...load,
    ...(chunk.nested ? ['if (Date.now() > 0) {', use.lines, '}', `return null${s}`] : use.lines),
  ];
  const wrapped = withCollision(chunk.collision, [], body, f, true);
  return {
    sites: new Array<'rewrite'>(use.sites).fill('rewrite'),
    decoys: [],
    needs: [],
    exports: [],
    blocks: [wrapIn(chunk.container, `lazy${id}`, wrapped.params, wrapped.body, true, f)],
  };
}
