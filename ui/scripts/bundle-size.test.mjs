import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { initialScripts, measure } from './bundle-size.mjs';

describe('bundle size', () => {
  it('counts entry scripts and module preloads, not lazy chunks', () => {
    const html = '<script type="module" crossorigin src="/assets/index-a.js"></script>'
      + '<link rel="modulepreload" crossorigin href="/assets/vendor-b.js">'
      + '<link rel="stylesheet" href="/assets/index.css">';
    expect(initialScripts(html)).toEqual(['/assets/index-a.js', '/assets/vendor-b.js']);
  });

  it('sums gzipped sizes of the initial scripts', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bundle-'));
    mkdirSync(join(dir, 'assets'));
    const a = 'console.log("a");'.repeat(100);
    writeFileSync(join(dir, 'assets', 'a.js'), a);
    writeFileSync(join(dir, 'assets', 'lazy.js'), 'x'.repeat(100000));
    writeFileSync(join(dir, 'index.html'), '<script type="module" src="/assets/a.js"></script>');
    const result = measure(dir);
    expect(result.files).toHaveLength(1);
    expect(result.totalGzip).toBe(gzipSync(Buffer.from(a), { level: 9 }).length);
  });
});
