import { ProjectError } from '../core/errors.js';

/** How to get the history a comparison needs, in CI and on a workstation. */
const FETCH_HISTORY =
  'fetch the history: in GitHub Actions give actions/checkout `fetch-depth: 0`; elsewhere run `git fetch --unshallow` (or `git fetch --deepen=<commits>` until the branch point is in)';

/** The ref of `--changed-since` names no commit here. */
export function refNotFound(ref: string, shallow: boolean): ProjectError {
  if (ref === '' || ref.endsWith('/')) {
    return new ProjectError(
      `--changed-since: "${ref}" names no branch (on a push event \${{ github.base_ref }} is empty, which gives "origin/"); compare pull requests with --changed-since origin/<base branch>, and check pushes with --baseline <file> (see the README)`,
    );
  }
  if (shallow)
    return new ProjectError(
      `--changed-since: ${ref} is not in this shallow clone (actions/checkout fetches one commit unless told otherwise); ${FETCH_HISTORY}`,
    );
  return new ProjectError(
    `--changed-since: ${ref} is not a commit git knows here; check the name (\`git branch -a\` lists branches), or fetch it (\`git fetch origin <branch>\`)`,
  );
}

/** The ref exists, but it and HEAD share no commit this clone has. */
export function noMergeBase(ref: string, shallow: boolean): ProjectError {
  if (shallow) {
    return new ProjectError(
      `--changed-since: this shallow clone does not reach the commit where HEAD left ${ref}, so there is nothing to compare with; ${FETCH_HISTORY}`,
    );
  }
  return new ProjectError(`--changed-since: HEAD and ${ref} share no history; name the branch this one was made from`);
}

/** `A..B` or `A...B` whose right side is not the checked-out commit. */
export function notHead(spec: string, left: string, dots: string, right: string): ProjectError {
  return new ProjectError(
    `--changed-since ${spec}: the check reads the working tree, so the right side of the range must be HEAD or left out (${left}${dots}); ${right} is not HEAD`,
  );
}
