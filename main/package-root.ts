/** Finds Masthead's own folder (where package.json and seeds/ sit), from source or from the build. */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The folder holding Masthead's package.json. */
export function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json')) || !existsSync(join(dir, 'seeds'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error('cannot find the Masthead package folder');
    dir = parent;
  }
  return dir;
}

/** The bundled default library. */
export function seedsFolder(): string {
  return join(packageRoot(), 'seeds');
}

/** Masthead's version, from its package.json. */
export function packageVersion(): string {
  const pkg = JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as { version?: unknown };
  return typeof pkg.version === 'string' ? pkg.version : 'unknown';
}
