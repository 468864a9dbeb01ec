import type { LayoutUnit } from './project-layout.js';

/** The --singleton path (root-relative) as the unit that holds it sees it: the deepest unit whose folder contains it. */
export function singletonFor(units: readonly LayoutUnit[], singleton: string | undefined, unit: LayoutUnit): string | undefined {
  if (singleton === undefined) return undefined;
  const owner = [...units].filter((u) => u.dir === '' || singleton.startsWith(`${u.dir}/`)).sort((a, b) => b.dir.length - a.dir.length)[0];
  return owner === unit ? (unit.dir === '' ? singleton : singleton.slice(unit.dir.length + 1)) : undefined;
}
