/** What the app remembers between runs (the last library, the window's place), in a JSON file in its data folder. */
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { WindowPlace } from './window-place.js';

/** The remembered settings. */
export interface Settings {
  readonly lastLibrary?: string;
  /** The libraries opened last, the latest first (File › Open Recent). */
  readonly recentLibraries?: readonly string[];
  readonly window?: WindowPlace;
}

/** How many libraries File › Open Recent lists. */
export const MOST_RECENT = 8;

/** `recent` with `folder` first, once, and no more than `MOST_RECENT` in all. */
export function withRecent(recent: readonly string[] | undefined, folder: string): readonly string[] {
  return [folder, ...(recent ?? []).filter((f) => f !== folder)].slice(0, MOST_RECENT);
}

/** Reads the settings; a missing or damaged file means defaults, and each damaged setting its default. */
export async function loadSettings(file: string): Promise<Settings> {
  let data: unknown;
  try {
    data = JSON.parse(await readFile(file, 'utf8'));
  } catch {
    return {}; // first run, or a damaged file: start from the defaults
  }
  if (typeof data !== 'object' || data === null) return {};
  const { lastLibrary, recentLibraries, window } = data as Record<string, unknown>;
  return {
    ...(typeof lastLibrary === 'string' ? { lastLibrary } : {}),
    ...(Array.isArray(recentLibraries) ? { recentLibraries: recentLibraries.filter((f): f is string => typeof f === 'string' && f !== '').slice(0, MOST_RECENT) } : {}),
    ...(isWindowPlace(window) ? { window: { x: window.x, y: window.y, width: window.width, height: window.height, maximized: window.maximized } } : {}),
  };
}

function isWindowPlace(value: unknown): value is WindowPlace {
  if (typeof value !== 'object' || value === null) return false;
  const { x, y, width, height, maximized } = value as Record<string, unknown>;
  const finite = (n: unknown): n is number => typeof n === 'number' && Number.isFinite(n);
  return finite(x) && finite(y) && finite(width) && finite(height) && width > 0 && height > 0 && typeof maximized === 'boolean';
}

/** Writes the settings atomically. */
export async function saveSettings(file: string, settings: Settings): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  const temp = `${file}.tmp`;
  await writeFile(temp, `${JSON.stringify(settings, null, 2)}\n`);
  await rename(temp, file);
}

/**
 * The settings of a running app: changed a part at a time, each change written whole after the one
 * before (two writes at once would race for the temp file), `written` once all are on disk. A write
 * that fails leaves the file as it was; the app goes on.
 */
export class SettingsFile {
  private writing: Promise<void> = Promise.resolve();

  private constructor(
    private readonly file: string,
    private current: Settings,
  ) {}

  /** Reads the file (see `loadSettings`). */
  static async open(file: string): Promise<SettingsFile> {
    return new SettingsFile(file, await loadSettings(file));
  }

  get settings(): Settings {
    return this.current;
  }

  /** Changes some settings, keeping the others, and writes them. */
  update(change: Settings): Promise<void> {
    this.current = { ...this.current, ...change };
    const settings = this.current;
    this.writing = this.writing.then(() => saveSettings(this.file, settings).catch(() => undefined));
    return this.writing;
  }

  /** Resolves once every change so far is written (or failed to be). */
  written(): Promise<void> {
    return this.writing;
  }
}
