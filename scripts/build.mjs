// Builds main (tsc and its WebAssembly), the preload bundle and the renderer (Vite) into out/.
// Where npm dropped the optional electron package, main/electron/ compiles against a stand-in.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const node = (...args) => execFileSync(process.execPath, args, { stdio: 'inherit' });
const haveElectron = existsSync('node_modules/electron/electron.d.ts');
try {
  node('node_modules/typescript/bin/tsc', '-p', haveElectron ? 'tsconfig.build.json' : 'tsconfig.build.no-electron.json');
  node('scripts/build-wasm.mjs');
  node('node_modules/vite/bin/vite.js', 'build', '--logLevel', 'warn', '--config', 'vite.preload.config.ts');
  node('node_modules/vite/bin/vite.js', 'build', '--logLevel', 'warn');
} catch {
  process.exit(1);
}
