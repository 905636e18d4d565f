// Bundles the browser page into one folder: app.js (all JavaScript, CodeMirror included), index.html and
// styles.css. Usage: node build.mjs [OUT_DIR]   (default: ../../../target/classes/web, as the Maven build uses)
import { build } from 'esbuild';
import { copyFileSync, mkdirSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const out = resolve(process.argv[2] ?? join(here, '../../../target/classes/web'));
mkdirSync(out, { recursive: true });

await build({
  entryPoints: [join(here, 'src/main.js')],
  bundle: true,
  format: 'iife',
  target: ['chrome110', 'firefox110', 'safari16'],
  minify: true,
  legalComments: 'none',
  outfile: join(out, 'app.js'),
  logLevel: 'warning',
});
for (const f of readdirSync(join(here, 'public'))) {
  copyFileSync(join(here, 'public', f), join(out, f));
}
console.log(`browser page bundled into ${out}`);
