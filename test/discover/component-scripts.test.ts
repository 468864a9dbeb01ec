import { describe, expect, it } from 'vitest';
import { scriptOf } from '../../src/discover/component-scripts.js';

/** The script at its own offsets: blank everywhere else, line breaks kept. */
function kept(text: string): string {
  return text.replace(/[^\r\n]/g, ' ');
}

describe('scriptOf', () => {
  it('keeps every <script> block of a Vue or Svelte file at its offsets and blanks the rest', () => {
    const text = '<template>\r\n  <p/>\r\n</template>\r\n<script setup lang="ts">\r\nconst a = 1;\r\n</script>\r\n<script>\nlet b;\n</script>\n';
    const script = scriptOf('src/App.vue', text);
    expect(script.length).toBe(text.length);
    expect(script.indexOf('const a = 1;')).toBe(text.indexOf('const a = 1;'));
    expect(script.indexOf('let b;')).toBe(text.indexOf('let b;'));
    expect(script.replace('const a = 1;', kept('const a = 1;')).replace('let b;', kept('let b;'))).toBe(kept(text));
    expect(scriptOf('src/Comp.svelte', text)).toBe(script);
  });

  it('keeps the frontmatter of an Astro file and blanks its template and client scripts', () => {
    const text = '---\nconst users = 1;\n---\n<ul>{users}</ul>\n<script>const browser = 2;</script>\n';
    const script = scriptOf('src/pages/index.astro', text);
    expect(script.indexOf('const users = 1;')).toBe(4);
    expect(script).not.toContain('browser');
    expect(script.split('\n').length).toBe(text.split('\n').length);
  });

  it('blanks a component without script and leaves other files as they are', () => {
    expect(scriptOf('src/Static.vue', '<template><p/></template>\n')).toBe(`${' '.repeat(25)}\n`);
    expect(scriptOf('src/a.ts', 'const x = 1;\n')).toBe('const x = 1;\n');
  });
});
