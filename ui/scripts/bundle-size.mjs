// Initial JavaScript = the entry scripts and module preloads referenced by index.html; lazily
// loaded route chunks are not part of it.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

export function initialScripts(indexHtml) {
  const refs = new Set();
  for (const m of indexHtml.matchAll(/<script[^>]*\btype="module"[^>]*\bsrc="([^"]+)"/g)) refs.add(m[1]);
  for (const m of indexHtml.matchAll(/<link[^>]*\brel="modulepreload"[^>]*\bhref="([^"]+)"/g)) refs.add(m[1]);
  return [...refs];
}

export function measure(outDir) {
  const html = readFileSync(join(outDir, 'index.html'), 'utf8');
  const files = initialScripts(html).map((ref) => {
    const bytes = readFileSync(join(outDir, ref.replace(/^\//, '')));
    return { file: ref, raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
  });
  return { files, totalGzip: files.reduce((sum, f) => sum + f.gzip, 0) };
}
