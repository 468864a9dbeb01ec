import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { copyFixture, remove, runCli } from '../support/helpers.js';

const temps: string[] = [];
afterAll(() => temps.forEach(remove));

describe('--framework', () => {
  it('none: a Nest project gets the module singleton, as before Nest mode', async () => {
    const dir = copyFixture('nestjs-no-prisma-service', temps);
    const result = await runCli(['.', '--framework', 'none'], dir);
    expect(result.status).toBe(0);
    expect(existsSync(join(dir, 'src/lib/prisma.ts'))).toBe(true);
    expect(existsSync(join(dir, 'src/prisma/prisma.service.ts'))).toBe(false);
  });

  it('nest: a project without @nestjs/core in package.json is migrated to the provider', async () => {
    const dir = copyFixture('nestjs-subclass-reported', temps);
    const result = await runCli(['.', '--framework', 'nest', '--check'], dir);
    // Its decorator is a local stand-in, not Nest's: nothing there is injected by Nest.
    expect(result.stdout).toContain('src/orders/orders.service.ts:6:20 new PrismaClient() outside the provider needs a person: constructs a client outside');
    expect(result.status).toBe(1);
  });
});
