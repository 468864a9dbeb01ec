// Preloaded into Node processes (NODE_OPTIONS=--require) when GNU time is not available: records this
// process's peak resident set size in KB at exit, in $BENCH_RSS_PROBE_DIR/<pid>.
'use strict';
const dir = process.env.BENCH_RSS_PROBE_DIR;
if (dir) {
  process.on('exit', () => {
    try {
      require('node:fs').writeFileSync(`${dir}/${process.pid}`, String(process.resourceUsage().maxRSS));
    } catch {
      // best effort
    }
  });
}
