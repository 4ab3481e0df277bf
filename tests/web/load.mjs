// Loads a TypeScript module of web/src for node's test runner: esbuild (installed with Vite in
// web/node_modules) bundles it to one ES module in memory, imported through a data: URL.
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const require = createRequire(path.join(ROOT, 'web/package.json'));
const esbuild = require('esbuild');

export async function loadTs(relative) {
  const out = await esbuild.build({
    entryPoints: [path.join(ROOT, 'web/src', relative)],
    bundle: true,
    format: 'esm',
    platform: 'neutral',
    write: false,
    logLevel: 'silent',
  });
  const code = out.outputFiles[0].text;
  return import('data:text/javascript;base64,' + Buffer.from(code).toString('base64'));
}
