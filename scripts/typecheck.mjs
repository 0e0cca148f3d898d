// Type-checks every part. Where npm dropped the optional electron package (no binary download),
// the Electron shell is checked against a stand-in and this says so.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const run = (project) => execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', project], { stdio: 'inherit' });
const haveElectron = existsSync('node_modules/electron/electron.d.ts');
if (!haveElectron) console.warn('typecheck: the electron package is not installed, so main/electron/ is checked against untyped stand-ins');
try {
  run(haveElectron ? 'tsconfig.json' : 'tsconfig.no-electron.json');
  run('renderer/tsconfig.json');
} catch {
  process.exit(1);
}
