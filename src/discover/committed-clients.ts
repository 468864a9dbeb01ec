import { foldersHolding } from './marker-files.js';
import type { ProjectFacts } from './project-facts.js';
import { isGeneratedClientName, toPackage } from './workspaces.js';

/** How deep a generated client committed to the tree is looked for (`src/db/prisma-client-js` is 3). */
const SEARCH_DEPTH = 4;

/**
 * With no schema where the tool looks (it lives in another repository, or only a Dockerfile passes it to `prisma
 * generate`), the generated clients committed to the tree, found by the package.json Prisma writes into each (named
 * `.prisma/client` or `prisma-client-<hash>`), join the client outputs: imports of them are client modules, and the
 * walk leaves their folders out as it does a schema's outputs. With a schema, the schema says where they are.
 */
export function withCommittedClients<T extends Pick<ProjectFacts, 'schemaFound' | 'clientOutputs'>>(root: string, project: T): T {
  if (project.schemaFound) return project;
  const found = foldersHolding(root, 'package.json', SEARCH_DEPTH).filter((dir) => isGeneratedClientName(toPackage(root, dir).name ?? ''));
  return found.length === 0 ? project : { ...project, clientOutputs: [...new Set([...project.clientOutputs, ...found])] };
}
