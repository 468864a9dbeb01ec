import { cpSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { REPO, STUB_CLIENT } from '../support/helpers.js';
import { typecheckProject } from '../support/typecheck.js';

/** One project tree to type-check, in its own folder below the shared root. */
export interface Tree {
  /** Folder below the root, e.g. `after/s123`; tsc's messages are mapped back by it. */
  readonly label: string;
  /** Every file of the project (sources and config), by root-relative path. */
  readonly files: ReadonlyMap<string, string>;
}

const TSCONFIG = {
  compilerOptions: {
    target: 'ES2022',
    module: 'NodeNext',
    moduleResolution: 'NodeNext',
    lib: ['ES2023'],
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    types: ['node'],
  },
  include: ['*/*/src/**/*.ts'],
};

/**
 * Writes every tree below `root` (which must be empty) next to one tsconfig that includes them all, the stub
 * client and the repo's @types, runs tsc once, and returns its messages by tree label. A message tsc gives
 * about no tree (a broken tsconfig, say) comes back under the label `*`.
 */
export function typecheckTrees(root: string, trees: readonly Tree[]): Map<string, string[]> {
  if (trees.length === 0) return new Map();
  for (const tree of trees) {
    for (const [path, text] of tree.files) {
      const target = join(root, tree.label, path);
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, text);
    }
  }
  writeFileSync(join(root, 'package.json'), `${JSON.stringify({ name: 'generated-programs', private: true, type: 'module' })}\n`);
  writeFileSync(join(root, 'tsconfig.json'), `${JSON.stringify(TSCONFIG, null, 2)}\n`);
  mkdirSync(join(root, 'node_modules', '@prisma'), { recursive: true });
  cpSync(STUB_CLIENT, join(root, 'node_modules', '@prisma', 'client'), { recursive: true });
  symlinkSync(join(REPO, 'node_modules', '@types'), join(root, 'node_modules', '@types'));

  const labels = new Set(trees.map((t) => t.label));
  const errors = new Map<string, string[]>();
  for (const message of typecheckProject(root)) {
    const label = /^([^/]+\/[^/]+)\//.exec(message)?.[1];
    const key = label && labels.has(label) ? label : '*';
    errors.set(key, [...(errors.get(key) ?? []), message]);
  }
  return errors;
}
