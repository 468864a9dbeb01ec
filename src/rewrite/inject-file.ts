import { ts } from '#typescript';
import type { ClientBinding, FileAnalysis } from '../analyze/analyze-file.js';
import { importedName } from '../analyze/nest-classes.js';
import type { Injection } from '../analyze/nest-injection.js';
import type { ReasonId } from '../core/types.js';
import { removeUnused } from './cleanup.js';
import { applyEdits, joinRemovals, statementRemoval, type Edit } from './edits.js';
import { mergeInsertions, placeImport } from './import-placement.js';
import { constructorEdit, type InjectedParameter } from './inject-constructor.js';
import { sharedUses, type SharedUse } from './shared-use.js';
import { detectStyle, quoted } from './style.js';

/** The provider every injection takes, as this file must name and import it. */
export interface ProviderImport {
  readonly className: string;
  /** The specifier this file imports the provider's module by. */
  readonly specifier: string;
  /** True when an import of `specifier` (as written in this file) and `name` is the provider class (a barrel, an alias). */
  readonly isProvider: (specifier: string, name: string) => boolean;
}

/** What one file's injections came to. */
export interface InjectRewrite {
  readonly after: string | null;
  readonly outcomes: ReadonlyArray<{ readonly injection: Injection; readonly reason: ReasonId | undefined }>;
  readonly uses: readonly SharedUse[];
}

/**
 * Rewrites a file's client constructions in Nest providers into constructor injection: the field, the constructor
 * assignment (and its field declaration) or the module constant goes, each class gets a parameter property of the
 * provider's type under the same name (merged into its constructor), a module constant's references become
 * `this.<name>`, `$disconnect()` calls on the old client go, and client imports and adapters left unused go. The
 * provider class is imported unless the file already imports it.
 */
export function injectFile(
  analysis: FileAnalysis,
  injections: readonly Injection[],
  provider: ProviderImport,
  dependencies: readonly ts.Identifier[],
): InjectRewrite {
  const { sourceFile, scopes } = analysis;
  const text = sourceFile.text;
  const style = detectStyle(sourceFile);
  const existing = existingImport(sourceFile, scopes, provider);
  const type = existing ?? provider.className;
  const taken = !existing && scopes.declaredIn(sourceFile)?.has(provider.className);
  const refused = (reason: ReasonId): InjectRewrite => ({ after: null, outcomes: injections.map((injection) => ({ injection, reason })), uses: [] });
  if (taken || !/\.(m|c)?tsx?$/.test(sourceFile.fileName)) return refused('nest-inject-by-hand');

  const { edits, parameters, variables, members } = injectionEdits(text, injections, type);
  const calls = sharedUses(text, sourceFile, scopes, { variables, members });
  edits.push(...calls.edits);
  for (const [owner, list] of parameters) {
    const edit = constructorEdit(owner, list, style, edits);
    if (!edit) return refused('nest-inject-by-hand');
    edits.push(edit, ...emptiedBody(owner, edits));
  }
  const chain = (binding: ClientBinding | undefined): ts.Identifier[] => (binding ? [binding.name, ...chain(binding.source)] : []);
  const candidates = [...injections.flatMap((i) => chain(i.site.binding)), ...dependencies].filter((name) => name.text !== type);
  const cleanup = removeUnused(text, [...new Set(candidates)], scopes, edits);
  edits.push(...cleanup.edits);
  if (!existing) {
    const statement = `import { ${provider.className} } from ${quoted(provider.specifier, style)}${style.semicolons ? ';' : ''}`;
    edits.push(placeImport(statement, cleanup.freed, sourceFile, style, edits));
  } else if (cleanup.freed) edits.push(statementRemoval(text, cleanup.freed));
  const after = applyEdits(text, mergeInsertions(joinRemovals(text, withoutNested(edits))));
  return { after, outcomes: injections.map((injection) => ({ injection, reason: undefined })), uses: calls.uses };
}

/** The removals and reference edits of every injection, and the parameters each class takes. */
function injectionEdits(text: string, injections: readonly Injection[], type: string) {
  const edits: Edit[] = [];
  const parameters = new Map<ts.ClassDeclaration, InjectedParameter[]>();
  const addParameter = (owner: ts.ClassDeclaration, parameter: InjectedParameter): void => {
    const list = parameters.get(owner) ?? [];
    if (!list.some((p) => p.name === parameter.name)) list.push(parameter);
    parameters.set(owner, list);
  };
  const members = new Map<ts.ClassLikeDeclaration, Set<string>>();
  const variables = new Set<ts.Identifier>();
  for (const injection of injections) {
    if (injection.type === 'module-const') {
      variables.add(injection.name);
      edits.push(statementRemoval(text, injection.statement));
      for (const { reference, owner } of injection.references) {
        const existing = injectedName(owner, type);
        const name = existing ?? injection.name.text;
        if (existing === undefined) addParameter(owner, { name, accessibility: 'private', type });
        const shorthand = ts.isShorthandPropertyAssignment(reference.parent);
        edits.push({ start: reference.getStart(), end: reference.end, text: shorthand ? `${reference.text}: this.${name}` : `this.${name}` });
      }
      continue;
    }
    members.set(injection.owner, new Set([...(members.get(injection.owner) ?? []), injection.name]));
    addParameter(injection.owner, { name: injection.name, accessibility: accessibilityOf(injection.member), type });
    if (injection.type === 'field') edits.push(memberRemoval(text, injection.member));
    else {
      edits.push(statementRemoval(text, injection.statement));
      if (injection.member) edits.push(memberRemoval(text, injection.member));
    }
  }
  return { edits, parameters, variables, members };
}

/** Removes a class member with the comment lines right above it, which spoke of the member. */
function memberRemoval(text: string, member: ts.Node): Edit {
  const edit = statementRemoval(text, member);
  if (edit.start !== text.lastIndexOf('\n', member.getStart() - 1) + 1) return edit;
  let start = edit.start;
  while (start > 0) {
    const previous = text.lastIndexOf('\n', start - 2) + 1;
    const line = text.slice(previous, start).trim();
    if (!/^(\/\/|\/\*|\*)/.test(line)) break;
    start = previous;
  }
  return { ...edit, start };
}

/** The local name of an existing value import of the provider class. */
function existingImport(sourceFile: ts.SourceFile, scopes: FileAnalysis['scopes'], provider: ProviderImport): string | undefined {
  for (const [name, identifier] of scopes.declaredIn(sourceFile) ?? []) {
    const imported = importedName(identifier, scopes);
    if (imported && provider.isProvider(imported.specifier, imported.name)) return name;
  }
  return undefined;
}

/** The name of a constructor parameter property the class already has of the provider's type. */
function injectedName(owner: ts.ClassDeclaration, type: string): string | undefined {
  const ctor = owner.members.find(ts.isConstructorDeclaration);
  for (const parameter of ctor?.parameters ?? []) {
    const property = (ts.getModifiers(parameter) ?? []).some((m) => isAccessibility(m) || m.kind === ts.SyntaxKind.ReadonlyKeyword);
    if (property && ts.isIdentifier(parameter.name) && parameter.type && parameter.type.getText() === type) return parameter.name.text;
  }
  return undefined;
}

function accessibilityOf(member: ts.PropertyDeclaration | undefined): string {
  const modifier = (member && ts.getModifiers(member))?.find((m) => isAccessibility(m));
  return modifier ? modifier.getText() : 'private';
}

/** A constructor body whose every statement goes becomes `{}`, not an empty pair of lines. */
function emptiedBody(owner: ts.ClassDeclaration, edits: readonly Edit[]): Edit[] {
  const body = owner.members.find(ts.isConstructorDeclaration)?.body;
  if (!body || body.statements.length === 0) return [];
  const gone = (node: ts.Node): boolean => edits.some((edit) => edit.text === '' && edit.start <= node.getStart() && node.end <= edit.end);
  if (!body.statements.every(gone) || /\/[/*]/.test(body.getText())) return [];
  return [{ start: body.getStart(), end: body.end, text: '{}' }];
}

/** Drops edits that fall inside a larger removal (a reference in a removed `$disconnect()` statement, statements in an emptied body). */
function withoutNested(edits: readonly Edit[]): Edit[] {
  const inside = (edit: Edit, other: Edit): boolean =>
    edit.start === edit.end
      ? other.start < edit.start && edit.start < other.end
      : other.start <= edit.start && edit.end <= other.end && other.end - other.start > edit.end - edit.start;
  return edits.filter((edit) => !edits.some((other) => other !== edit && inside(edit, other)));
}

function isAccessibility(modifier: ts.ModifierLike): boolean {
  const kind = modifier.kind;
  return kind === ts.SyntaxKind.PrivateKeyword || kind === ts.SyntaxKind.ProtectedKeyword || kind === ts.SyntaxKind.PublicKeyword;
}
