#!/usr/bin/env node
// The naive ts-morph pass (benchmark peer): load the whole project from tsconfig.json, dependencies and all,
// then look at every source file with getDescendantsOfKind(NewExpression). Finds only; writes nothing.
//
//   node bench/peers/tsmorph-naive.mjs [root]
//
// Prints one JSON document: { sites: ["path:line:column"], files: <source files loaded> }.

import { resolve, relative, join } from 'node:path';
import { Project } from 'ts-morph';
import { findSites, position } from './tsmorph-common.mjs';

const root = resolve(process.argv.slice(2).find((a) => !a.startsWith('--')) ?? '.');
const project = new Project({ tsConfigFilePath: join(root, 'tsconfig.json') });
const sites = [];
const sourceFiles = project.getSourceFiles();
for (const sourceFile of sourceFiles) {
  if (sourceFile.isInNodeModules()) continue;
  for (const node of findSites(sourceFile).sites) {
    const { line, column } = position(sourceFile, node);
    sites.push(`${relative(root, sourceFile.getFilePath()).split('\\').join('/')}:${line}:${column}`);
  }
}
process.stdout.write(`${JSON.stringify({ sites, files: sourceFiles.length })}\n`);
