/**
 * vitest global setup: compiles main/ and shared/ into out/ once, for the tests that run the built
 * code, and the WebAssembly, which main/ loads from out/ even when run from source.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export default function setup(): void {
  const root = fileURLToPath(new URL('../..', import.meta.url));
  // As scripts/build.mjs: without the electron package, the shell compiles against its stand-in.
  const config = existsSync(join(root, 'node_modules/electron/electron.d.ts')) ? 'tsconfig.build.json' : 'tsconfig.build.no-electron.json';
  execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', config], { cwd: root, stdio: 'inherit' });
  execFileSync(process.execPath, ['scripts/build-wasm.mjs'], { cwd: root, stdio: 'inherit' });
}
