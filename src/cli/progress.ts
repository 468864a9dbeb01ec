import type { CliIo } from './io.js';

/**
 * A one-line counter on a terminal's stderr, shown only once a scan has taken more than a second (tests shorten the
 * wait through PRISMA_SINGLETON_CODEMOD_PROGRESS_DELAY_MS).
 */
export function progressReporter(io: CliIo, now: () => number = Date.now): (done: number, total: number) => void {
  const started = now();
  const delay = Number(io.env['PRISMA_SINGLETON_CODEMOD_PROGRESS_DELAY_MS'] ?? 1000);
  let shown = false;
  return (done, total) => {
    if (now() - started < delay && !shown) return;
    if (done !== total && done % 250 !== 0) return;
    shown = true;
    io.stderr(`\r\x1b[2Kscanning ${done}/${total} files`);
    if (done === total) io.stderr('\r\x1b[2K');
  };
}
