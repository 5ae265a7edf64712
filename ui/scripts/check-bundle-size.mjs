// Fails the build when the initial JavaScript exceeds the budget (issue 6: under 300 KB gzipped).
import { writeFileSync, mkdirSync } from 'node:fs';
import { measure } from './bundle-size.mjs';

const LIMIT = 300 * 1024;
const outDir = process.argv[2] ?? 'target/classes/META-INF/resources';
const { files, totalGzip } = measure(outDir);
if (files.length === 0) {
  console.error(`bundle-size: no entry script found in ${outDir}/index.html`);
  process.exit(1);
}
for (const f of files) console.log(`bundle-size: ${f.file} ${f.raw} B raw, ${f.gzip} B gzip`);
const kb = (totalGzip / 1024).toFixed(1);
console.log(`bundle-size: initial JavaScript ${kb} KB gzipped (limit ${LIMIT / 1024} KB)`);
mkdirSync('target', { recursive: true });
writeFileSync('target/bundle-size.json', JSON.stringify({ files, totalGzip, limit: LIMIT }, null, 2));
if (totalGzip > LIMIT) {
  console.error(`bundle-size: over budget by ${((totalGzip - LIMIT) / 1024).toFixed(1)} KB`);
  process.exit(1);
}
