#!/usr/bin/env node
// `gengbao records … | head` closes the pipe early; that is the reader being done, not an error.
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

import { readdirSync, statSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const built = `${root}dist/cli/main.js`;

/** Newest modification time under a folder (the sources a build was made from). */
function newest(folder) {
  let time = 0;
  for (const entry of readdirSync(folder, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) time = Math.max(time, statSync(`${entry.parentPath ?? entry.path}/${entry.name}`).mtimeMs);
  }
  return time;
}

/** The build from `npm install` (bin/build.mjs), if it is newer than every source file. */
function freshBuild() {
  try {
    return statSync(built).mtimeMs >= newest(`${root}src`);
  } catch {
    return false;
  }
}

let main;
if (freshBuild()) ({ main } = await import(pathToFileURL(built).href));
else {
  // No build, or sources edited since: run the TypeScript sources through tsx (slower start).
  const { register } = await import('tsx/esm/api');
  register();
  ({ main } = await import('../src/cli/main.ts'));
}
process.exitCode = await main(process.argv.slice(2));
