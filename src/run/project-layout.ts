import { relative, sep } from 'node:path';
import { roleOf } from '../analyze/roles.js';
import { enclosingWorkspace, type WorkspacePackage, workspaceAt, workspaceUnits } from '../discover/workspaces.js';
import { type SharedClient, sharedClients } from './shared-clients.js';

/** One folder the run plans on its own. */
export interface LayoutUnit {
  /** Relative to the run's root ('' for the root itself); paths of its plan get it in front. */
  readonly dir: string;
  /** The same folder relative to the workspace root ('' outside a workspace). */
  readonly workspaceDir: string;
  readonly member: WorkspacePackage | undefined;
  /** Folders of packages inside this one, relative to it, that are planned apart. */
  readonly otherProjects: readonly string[];
  /** Absolute workspace root: its .gitignore files and its schema apply to the package. */
  readonly workspaceRoot: string | undefined;
}

/** How the run's root divides into projects, and what the workspace's packages share. */
export interface ProjectLayout {
  readonly units: readonly LayoutUnit[];
  /** True when the root is a workspace root with packages (one summary per package). */
  readonly isWorkspaceRoot: boolean;
  readonly shared: readonly SharedClient[];
}

/**
 * At a workspace root, each package and then the root without them; inside a workspace package, the package alone,
 * seeing what the workspace's packages share; elsewhere the root alone. Packages found by their package.json alone
 * (no workspace declared) that sit in test folders stay with the tests around them.
 */
export async function projectLayout(root: string): Promise<ProjectLayout> {
  const here = workspaceAt(root, (dir) => roleOf(`${dir}/index.ts`, []) === 'app');
  if (here) {
    const units = workspaceUnits(here).map((unit) => ({ ...unit, workspaceDir: unit.dir, workspaceRoot: here.root }));
    return { units, isWorkspaceRoot: true, shared: await sharedClients(here) };
  }
  const enclosing = enclosingWorkspace(root);
  if (!enclosing)
    return { units: [{ dir: '', workspaceDir: '', member: undefined, otherProjects: [], workspaceRoot: undefined }], isWorkspaceRoot: false, shared: [] };
  const workspaceDir = relative(enclosing.workspace.root, root).split(sep).join('/');
  const unit = { dir: '', workspaceDir, member: enclosing.member, otherProjects: [], workspaceRoot: enclosing.workspace.root };
  return { units: [unit], isWorkspaceRoot: false, shared: await sharedClients(enclosing.workspace) };
}
