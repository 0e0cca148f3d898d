/** What the app remembers between runs (the last library), in a JSON file in its data folder. */
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

/** The remembered settings. */
export interface Settings {
  readonly lastLibrary?: string;
}

/** Reads the settings; a missing or damaged file means defaults. */
export async function loadSettings(file: string): Promise<Settings> {
  try {
    const data: unknown = JSON.parse(await readFile(file, 'utf8'));
    if (typeof data === 'object' && data !== null && typeof (data as Settings).lastLibrary === 'string') {
      return { lastLibrary: (data as Settings).lastLibrary };
    }
  } catch {
    // first run, or a damaged file: start from the defaults
  }
  return {};
}

/** Writes the settings atomically. */
export async function saveSettings(file: string, settings: Settings): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  const temp = `${file}.tmp`;
  await writeFile(temp, `${JSON.stringify(settings, null, 2)}\n`);
  await rename(temp, file);
}
