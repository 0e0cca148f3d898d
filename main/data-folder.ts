/** Where Masthead keeps what it remembers between runs, outside any library. */
import { homedir } from 'node:os';
import { join } from 'node:path';
import { READER_VERSION } from './core/read-article.js';
import { packageVersion } from './package-root.js';

/**
 * The browser host's data folder, placed where Electron puts `userData` for a package named
 * masthead (the Electron desk uses its own `userData`); `MASTHEAD_DATA_DIR` moves it, for tests
 * and portable installs.
 */
export function appDataFolder(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (env.MASTHEAD_DATA_DIR) return env.MASTHEAD_DATA_DIR;
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'masthead');
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'masthead');
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), 'masthead');
}

/** The persistent index's place and version under a data folder: a new release never trusts an older index. */
export function indexCacheOf(dataFolder: string): { readonly cacheFolder: string; readonly reader: string } {
  return { cacheFolder: join(dataFolder, 'index'), reader: `${READER_VERSION}+masthead-${packageVersion()}` };
}
