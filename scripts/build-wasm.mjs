// Builds the WebAssembly the main process uses (main/core/*.wat) into out/main/core/, with wabt.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import initWabt from 'wabt';

const root = fileURLToPath(new URL('..', import.meta.url));
const from = join(root, 'main/core');
const to = join(root, 'out/main/core');
const wabt = await initWabt();
mkdirSync(to, { recursive: true });
for (const name of readdirSync(from).filter((n) => n.endsWith('.wat'))) {
  const module = wabt.parseWat(name, readFileSync(join(from, name), 'utf8'), { simd: true });
  try {
    module.validate();
    writeFileSync(join(to, name.replace(/\.wat$/, '.wasm')), module.toBinary({}).buffer);
  } finally {
    module.destroy();
  }
}
