/** Colour on a terminal (or when FORCE_COLOR asks for it), never with a non-empty NO_COLOR, and not merely because CI is set. */
export function wantsColor(env: Readonly<Record<string, string | undefined>>, terminal: boolean): boolean {
  if (env['NO_COLOR']) return false;
  const force = env['FORCE_COLOR'];
  if (force !== undefined && force !== '') return force !== '0' && force !== 'false';
  return terminal;
}
