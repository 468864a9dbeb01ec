import { ts } from '#typescript';
import { declaredSchemaPath, type ConfigTexts } from './project-facts.js';

/** What is wrong with a project's config files: errors stop the run (exit 2), notes are told and the run goes on. */
export interface ConfigProblems {
  readonly errors: readonly string[];
  readonly notes: readonly string[];
}

/**
 * Checks the config texts discovery read. A package.json or tsconfig that does not parse is an error (Node and tsc
 * refuse them too, and the tool would guess the module system and import paths wrong); so is a `--schema` that
 * names nothing. A schema that package.json or prisma.config names but that is missing is a note: the project is
 * still understood, only custom client output folders are not known.
 */
export function checkConfig(texts: ConfigTexts, schemaOption: string | undefined): ConfigProblems {
  const errors: string[] = [];
  const notes: string[] = [];
  if (texts.packageJson !== undefined) {
    const problem = jsonProblem(texts.packageJson);
    if (problem) errors.push(`package.json${problem}; fix it and run again`);
  }
  for (const config of texts.tsconfigs) {
    const { error } = ts.parseConfigFileTextToJson(config.path, config.text);
    if (!error) continue;
    const where = error.start === undefined ? '' : `:${lineColumn(config.text, error.start)}`;
    errors.push(`${config.path}${where} does not parse (${ts.flattenDiagnosticMessageText(error.messageText, ' ')}); fix it and run again`);
  }
  if ((texts.schemas ?? []).length === 0) {
    if (schemaOption !== undefined) errors.push(`--schema ${schemaOption}: no such file (nor a folder with a schema.prisma)`);
    const declared = declaredSchemaPath(texts.packageJson, texts.prismaConfig);
    if (schemaOption === undefined && declared !== undefined) {
      notes.push(`the schema ${declared} (named in package.json or prisma.config) does not exist; client output folders it would declare are not known`);
    }
  }
  return { errors, notes };
}

/** `:line:column does not parse (why)` for JSON that JSON.parse refuses, or undefined. */
function jsonProblem(text: string): string | undefined {
  try {
    JSON.parse(text);
    return undefined;
  } catch (error) {
    const message = (error instanceof Error ? error.message : String(error)).replace(/, ".*" is not valid JSON$/s, '').replace(/\s+/g, ' ');
    const position = /at position (\d+)/.exec(message)?.[1];
    const where = position === undefined ? (text.trim() === '' ? ':1:1' : '') : `:${lineColumn(text, Number(position))}`;
    return `${where} does not parse (${message.replace(/ in JSON at position \d+.*$/, '')})`;
  }
}

function lineColumn(text: string, offset: number): string {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return `${line}:${offset - before.lastIndexOf('\n')}`;
}
