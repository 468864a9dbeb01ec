import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

/** What one step printed and how it ended. */
export interface StepRun {
  readonly name: string;
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** The run a composite action gets: its inputs (`with:`), the workspace, the `github` context, and the runner's folders. */
export interface ActionRun {
  readonly inputs: Readonly<Record<string, string>>;
  readonly workspace: string;
  readonly temp: string;
  readonly github: Readonly<Record<string, string>>;
  readonly env: Readonly<Record<string, string | undefined>>;
}

/**
 * Runs the composite action in `actionDir` as the GitHub runner does: each `run` step's expressions (`${{ inputs.x }}`,
 * `${{ github.x }}`) evaluated, its script written to a file and run with `bash --noprofile --norc -eo pipefail`
 * in the workspace, with the step's env, GITHUB_ENV and friends; a line `NAME=value` a step appends to $GITHUB_ENV
 * is in the environment of the steps after it; a failing step ends the run. An expression this runner does not know
 * throws, so the action cannot use one the test does not cover. Asynchronous, so that a server in this process
 * (the test's registry) can answer the steps.
 */
export async function runCompositeAction(actionDir: string, run: ActionRun): Promise<StepRun[]> {
  const action = object(parse(readFileSync(join(actionDir, 'action.yml'), 'utf8')));
  const declared = object(action['inputs']);
  const inputs: Record<string, string> = {};
  for (const [name, spec] of Object.entries(declared)) inputs[name] = run.inputs[name] ?? String(object(spec)['default'] ?? '');
  for (const name of Object.keys(run.inputs)) if (!(name in declared)) throw new Error(`the action has no input ${name}`);
  const github: Record<string, string> = { ...run.github, action_path: actionDir, workspace: run.workspace };
  const evaluate = (text: string): string =>
    text.replace(/\$\{\{\s*([\w.-]+)\s*\}\}/g, (_all, expression: string) => {
      const [context, key = ''] = expression.split(/\.(.*)/s);
      if (context === 'inputs' && key in inputs) return inputs[key] ?? '';
      if (context === 'github' && key in github) return github[key] ?? '';
      throw new Error(`unsupported expression \${{ ${expression} }}`);
    });
  const envFile = join(run.temp, 'github-env');
  const added: Record<string, string> = {};
  const out: StepRun[] = [];
  const steps = object(action['runs'])['steps'];
  for (const [index, raw] of (Array.isArray(steps) ? steps : []).entries()) {
    const step = object(raw);
    if (step['shell'] !== 'bash') throw new Error(`step ${index} is not a bash step`);
    const script = join(run.temp, `step-${index}.sh`);
    writeFileSync(script, evaluate(String(step['run'])));
    writeFileSync(envFile, '');
    const stepEnv = Object.fromEntries(Object.entries(object(step['env'] ?? {})).map(([k, v]) => [k, evaluate(String(v))]));
    const result = await bash(script, run.workspace, {
      ...run.env,
      GITHUB_ACTIONS: 'true',
      GITHUB_WORKSPACE: run.workspace,
      GITHUB_ACTION_PATH: actionDir,
      GITHUB_ENV: envFile,
      RUNNER_TEMP: run.temp,
      ...added,
      ...stepEnv,
    });
    for (const line of readFileSync(envFile, 'utf8').split('\n')) {
      const match = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/.exec(line);
      if (match?.[1]) added[match[1]] = match[2] ?? '';
    }
    out.push({ name: String(step['name'] ?? `step ${index}`), status: result.status, stdout: result.stdout, stderr: result.stderr });
    if (result.status !== 0) break;
  }
  return out;
}

function bash(script: string, cwd: string, env: Record<string, string | undefined>): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('bash', ['--noprofile', '--norc', '-eo', 'pipefail', script], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

/** A YAML mapping as a record, or an error that says what was there instead. */
export function object(value: unknown): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error(`not a mapping: ${JSON.stringify(value)}`);
  return Object(value);
}
