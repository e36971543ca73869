#!/usr/bin/env node
// Compiles src/ into dist/ so `gengbao` starts without compiling TypeScript each time (npm runs this as
// `prepare` after install). Without esbuild (a dependency of tsx) nothing is built and bin/gengbao.mjs
// keeps running the sources through tsx.
import { rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const outFlag = process.argv.indexOf('--outdir');
const outdir = resolve(root, outFlag > 0 ? process.argv[outFlag + 1] : 'dist');

let esbuild;
try {
  esbuild = await import('esbuild');
} catch {
  console.warn('[gengbao build] esbuild not found; gengbao will run the TypeScript sources through tsx (slower start).');
  process.exit(0);
}

rmSync(outdir, { recursive: true, force: true });
await esbuild.build({
  absWorkingDir: root,
  entryPoints: ['src/cli/main.ts'],
  outbase: 'src',
  outdir,
  // Every output file sits two folders below the root, like src/<area>/<file>.ts, so the paths the
  // sources build from import.meta.url (knowledge/, prompts/) and their JSON imports resolve unchanged.
  chunkNames: 'cli/[name]-[hash]',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  supported: { 'import-attributes': true },
  packages: 'external',
  plugins: [
    {
      name: 'data-stays-data',
      // knowledge/*.json is data people edit: read at run time, never frozen into the build.
      setup: (build) => build.onResolve({ filter: /\.json$/ }, (args) => ({ path: args.path, external: true })),
    },
  ],
  logLevel: 'warning',
});
console.log(`[gengbao build] ${join(outdir, 'cli', 'main.js')}`);
