import { posix } from 'node:path';

/**
 * Providers of the generators that write a `PrismaClient` (`prisma-client-js`, `prisma-client`, or a command that runs
 * one); every other generator (DBML, docs, zod...) writes something else.
 */
const CLIENT_PROVIDER = /(?:^|[\s/])prisma-client(?:-js)?$/;

/** One `generator` block of a schema, its output resolved against the schema's folder (root-relative, POSIX). */
export interface SchemaGenerator {
  readonly provider: string | undefined;
  /** Root-relative folder; undefined when the generator writes to its default place (`node_modules/.prisma/client`). */
  readonly output: string | undefined;
  /** It generates a client (`prisma-client-js` or `prisma-client`). */
  readonly client: boolean;
}

/** What the tool reads from the schema files of a project. */
export interface SchemaFacts {
  readonly generators: readonly SchemaGenerator[];
  /** The first datasource provider found (`postgresql`, `sqlite`, ...). */
  readonly datasourceProvider: string | undefined;
  /** The environment variable the first datasource's `url = env("...")` reads, if it reads one. */
  readonly datasourceUrlEnv: string | undefined;
}

/** A schema file as read: root-relative POSIX path (it may climb out of the root) and text. */
export interface SchemaText {
  readonly path: string;
  readonly text: string;
}

/** Every generator of every schema file, and the datasource provider. Pure; comments are ignored. */
export function parseSchemas(schemas: readonly SchemaText[]): SchemaFacts {
  const generators: SchemaGenerator[] = [];
  let datasourceProvider: string | undefined;
  let datasourceUrlEnv: string | undefined;
  for (const schema of schemas) {
    const text = withoutComments(schema.text);
    const folder = posix.dirname(schema.path);
    for (const match of text.matchAll(/\bgenerator\s+\w+\s*\{([^}]*)\}/g)) {
      const body = match[1] ?? '';
      const provider = /\bprovider\s*=\s*"([^"]+)"/.exec(body)?.[1];
      const output = /\boutput\s*=\s*"([^"]+)"/.exec(body)?.[1];
      generators.push({
        provider,
        output: output === undefined ? undefined : posix.normalize(posix.join(folder, output)).replace(/\/$/, ''),
        client: provider !== undefined && CLIENT_PROVIDER.test(provider),
      });
    }
    datasourceProvider ??= /\bdatasource\s+\w+\s*\{[^}]*?\bprovider\s*=\s*"([^"]+)"/.exec(text)?.[1];
    datasourceUrlEnv ??= /\bdatasource\s+\w+\s*\{[^}]*?\burl\s*=\s*env\(\s*"([^"]+)"\s*\)/.exec(text)?.[1];
  }
  return { generators, datasourceProvider, datasourceUrlEnv };
}

/**
 * The schema text without `//` comments (Prisma has no block comments), so that a commented-out generator is not
 * read; a `//` inside a string (`"file://..."`) stays.
 */
function withoutComments(text: string): string {
  return text
    .split('\n')
    .map((line) => {
      let quoted = false;
      for (let i = 0; i < line.length; i += 1) {
        if (line[i] === '"') quoted = !quoted;
        else if (!quoted && line[i] === '/' && line[i + 1] === '/') return line.slice(0, i);
      }
      return line;
    })
    .join('\n');
}
