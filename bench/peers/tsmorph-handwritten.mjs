#!/usr/bin/env node
// The hand-written ts-morph script a user could write in an afternoon (benchmark peer, not the product):
// glob the TypeScript files, keep those whose text mentions PrismaClient, load only those into a Project
// (skipAddingFilesFromTsConfig), find `new PrismaClient()` with getDescendantsOfKind(NewExpression),
// rewrite with ts-morph's manipulation API, and save().
//
//   node bench/peers/tsmorph-handwritten.mjs [root] [--list]
//
// Prints one JSON document: { sites: ["path:line:column"], changed: ["path"] }. --list finds without writing.

import { readFileSync, existsSync } from 'node:fs';
import { resolve, relative, join } from 'node:path';
import fg from 'fast-glob';
import { Project, QuoteKind } from 'ts-morph';
import { SINGLETON, SINGLETON_TEXT, findSites, position, rewriteFile } from './tsmorph-common.mjs';

const args = process.argv.slice(2);
const list = args.includes('--list');
const root = resolve(args.find((a) => !a.startsWith('--')) ?? '.');

const files = await fg(['**/*.{ts,tsx,mts,cts}'], {
  cwd: root,
  absolute: true,
  ignore: ['**/node_modules/**', 'dist/**', '**/*.d.ts'],
});
const project = new Project({
  tsConfigFilePath: existsSync(join(root, 'tsconfig.json')) ? join(root, 'tsconfig.json') : undefined,
  skipAddingFilesFromTsConfig: true,
  skipFileDependencyResolution: true,
  manipulationSettings: { quoteKind: QuoteKind.Single },
});
for (const file of files) {
  if (readFileSync(file, 'utf8').includes('PrismaClient')) project.addSourceFileAtPath(file);
}

const sites = [];
const changed = [];
for (const sourceFile of project.getSourceFiles()) {
  const found = findSites(sourceFile);
  if (found.sites.length === 0) continue;
  const rel = relative(root, sourceFile.getFilePath()).split('\\').join('/');
  for (const node of found.sites) {
    const { line, column } = position(sourceFile, node);
    sites.push(`${rel}:${line}:${column}`);
  }
  if (list) continue;
  rewriteFile(root, sourceFile, found.bindings, found.sites);
  changed.push(rel);
}
if (!list && changed.length > 0 && !existsSync(join(root, SINGLETON))) {
  project.createSourceFile(join(root, SINGLETON), SINGLETON_TEXT);
  changed.push(SINGLETON);
}
if (!list) await project.save();
process.stdout.write(`${JSON.stringify({ sites, changed })}\n`);
