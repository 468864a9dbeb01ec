import { graphRoles, roleOf } from '../analyze/roles.js';
import type { FileRole } from '../core/types.js';
import type { Discovery } from '../discover/discover.js';
import { gatherRoleEvidence } from '../discover/import-graph.js';
import type { ModuleResolver } from '../discover/module-resolver.js';

/** Each candidate's role: by its path, then by the import graph (a module only seeds import is a seed's). */
export function projectRoles(discovery: Discovery, resolver: ModuleResolver): Map<string, FileRole> {
  if (discovery.candidates.length === 0) return new Map();
  const { project } = discovery;
  const pathRole = (path: string): FileRole => roleOf(path, project.seedPaths);
  const evidence = gatherRoleEvidence(
    {
      root: discovery.root,
      sourcePaths: discovery.sourcePaths,
      candidates: discovery.candidates,
      seedPaths: project.seedPaths,
      scriptEntries: project.scriptEntries,
      appEntries: project.appEntries,
      schemaFolders: project.schemaFolders,
      pathRole,
    },
    resolver,
  );
  return graphRoles(
    discovery.candidates.map((file) => file.path),
    evidence,
  );
}
