import { PLAIN_STYLE, type FileStyle } from './code.js';
import type { Chunk, FileSpec, ProgramSpec } from './spec.js';

const STYLE_KEYS: readonly (keyof FileStyle)[] = ['bom', 'crlf', 'finalNewline', 'semicolons', 'quote', 'indent'];

/**
 * Shrinks a failing spec greedily: drops files, chunks and imports, then turns style quirks and chunk options
 * into their plainest value, keeping each step only while `fails` still holds. Returns the smallest spec found.
 */
export function minimize(spec: ProgramSpec, fails: (candidate: ProgramSpec) => boolean, budget = 300): ProgramSpec {
  let best = spec;
  let attempts = 0;
  const attempt = (candidate: ProgramSpec): boolean => {
    if (attempts >= budget) return false;
    attempts += 1;
    if (!fails(candidate)) return false;
    best = candidate;
    return true;
  };
  let progress = true;
  while (progress && attempts < budget) {
    progress = false;
    for (const candidate of smaller(best)) {
      if (attempt(candidate)) {
        progress = true;
        break;
      }
    }
  }
  return best;
}

/** Every spec one step simpler than `spec`, the biggest cuts first. */
function* smaller(spec: ProgramSpec): Generator<ProgramSpec> {
  const withFile = (index: number, file: FileSpec): ProgramSpec => ({ ...spec, files: spec.files.map((f, i) => (i === index ? file : f)) });
  for (let i = 0; i < spec.files.length && spec.files.length > 1; i += 1) yield { ...spec, files: spec.files.filter((_, j) => j !== i) };
  for (const [i, file] of spec.files.entries()) {
    for (let c = 0; c < file.chunks.length; c += 1) yield withFile(i, { ...file, chunks: file.chunks.filter((_, j) => j !== c) });
    for (let c = 0; c < file.imports.length; c += 1) yield withFile(i, { ...file, imports: file.imports.filter((_, j) => j !== c) });
  }
  for (const [i, file] of spec.files.entries()) {
    for (const key of STYLE_KEYS) {
      if (file.style[key] !== PLAIN_STYLE[key]) yield withFile(i, { ...file, style: { ...file.style, [key]: PLAIN_STYLE[key] } });
    }
    if (file.header) yield withFile(i, { ...file, header: false });
    if (file.combineImports) yield withFile(i, { ...file, combineImports: false });
    for (const [c, chunk] of file.chunks.entries()) {
      for (const plain of plainer(chunk)) yield withFile(i, { ...file, chunks: file.chunks.map((x, j) => (j === c ? plain : x)) });
    }
  }
}

function* plainer(chunk: Chunk): Generator<Chunk> {
  if (chunk.kind === 'static') {
    if (chunk.note !== 'none') yield { ...chunk, note: 'none' };
    if (chunk.collision !== 'none') yield { ...chunk, collision: 'none' };
    if (chunk.container !== 'function') yield { ...chunk, container: 'function' };
    if (chunk.modifiers !== '') yield { ...chunk, modifiers: '' };
    if (chunk.declare !== 'const') yield { ...chunk, declare: 'const' };
    if (chunk.form !== 'named') yield { ...chunk, form: 'named' };
  } else if (chunk.kind === 'dynamic') {
    if (chunk.filler) yield { ...chunk, filler: false };
    if (chunk.collision !== 'none') yield { ...chunk, collision: 'none' };
    if (chunk.container !== 'function') yield { ...chunk, container: 'function' };
    if (chunk.form !== 'destructured') yield { ...chunk, form: 'destructured' };
  }
}
