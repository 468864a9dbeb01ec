import { describe, expect, it } from 'vitest';
import { scriptOf } from '../../src/discover/component-scripts.js';
import { planFiles } from '../support/plan-files.js';

const VUE = "<template><p/></template>\n<script setup>\nimport { PrismaClient } from '@prisma/client';\nconst db = new PrismaClient();\n</script>\n";

describe('component files in a plan', () => {
  it('leaves a component for review and still writes a JavaScript singleton for a JavaScript project', () => {
    const plan = planFiles(
      {
        'src/App.vue': scriptOf('src/App.vue', VUE),
        'src/api.js': "import { PrismaClient } from '@prisma/client';\nexport const db = new PrismaClient();\n",
      },
      {},
      { tsconfigs: [] },
    );
    expect(plan.findings.map((f) => `${f.path}:${f.line}:${f.column} ${f.action} ${f.reason ?? ''}`)).toEqual([
      'src/App.vue:4:12 review component-file',
      'src/api.js:2:19 rewrite ',
    ]);
    expect(plan.changes.map((c) => c.path)).toEqual(['src/api.js', 'src/lib/prisma.js']);
  });
});
