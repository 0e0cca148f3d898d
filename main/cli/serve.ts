/** `masthead serve` and `masthead start`: the desk in a browser, or in Electron where it is installed. */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { appDataFolder } from '../data-folder.js';
import { openRoot } from '../core/library-root.js';
import { prestartReadThreads } from '../core/read-threads.js';
import { createHostHandlers } from '../host/host-handlers.js';
import { startBrowserHost, type BrowserHost } from '../host/server.js';
import { packageRoot, seedsFolder } from '../package-root.js';
import { Session } from '../session.js';
import { EXIT, UsageError, type CliIo } from './output.js';

/**
 * Serves the desk for DIR until stopped; prints the address first, and hands it to `show` where one
 * is given (see `startDesk`). The address comes as soon as the host listens, while the library is
 * still being read: a large library's desk shows how far its open is, as the app's window does,
 * rather than a terminal that says nothing for as long as the reading takes. A folder that cannot
 * be opened is said before any address.
 */
export async function serveDesk(dir: string | undefined, port: number, io: CliIo, stop: AbortSignal, show?: (url: string) => void): Promise<number> {
  const folder = dir ?? seedsFolder();
  const root = await openRoot(folder);
  if (!root.ok) {
    io.err(`masthead: ${root.error.message}\n`);
    return EXIT.usage;
  }
  let host: BrowserHost | null = null;
  const session = new Session((event) => host?.broadcast(event), { watch: true, dataFolder: () => appDataFolder() });
  void prestartReadThreads(); // as the app does: see read-threads.ts
  const opening = session.open(folder);
  const handlers = createHostHandlers(session, (event) => host?.broadcast(event));
  try {
    host = await startBrowserHost({ handlers, rendererDir: join(packageRoot(), 'out', 'renderer'), port });
  } catch (e) {
    io.err(`masthead: cannot listen on 127.0.0.1:${port}: ${e instanceof Error ? e.message : String(e)}\n`);
    await session.close(); // stops the reading still under way
    return EXIT.usage;
  }
  io.out(`${host.url}\n`);
  show?.(host.url);
  // Ctrl+C while a large library is still being read ends it then: the close stops the reading.
  const opened = await Promise.race([opening, stopped(stop)]);
  if (opened === 'stopped' || !opened.ok) {
    // Stopped, or not opened: the folder went between its check above and its reading.
    if (opened !== 'stopped') io.err(`masthead: ${opened.error.message}\n`);
    await host.close();
    await session.close();
    return opened === 'stopped' ? EXIT.ok : EXIT.usage;
  }
  if (opened.value.superseded === true) throw new Error('the browser host opens no other library'); // never: nothing else is opened
  // The first part of a library new to Masthead is served while the rest is read: Ctrl+C still ends it then.
  const size = await Promise.race([listedSize(session, opened.value.size), stopped(stop)]);
  if (size === 'stopped') {
    await host.close();
    await session.close();
    return EXIT.ok;
  }
  const where = show === undefined ? 'Open the address above' : 'It opens in your browser (or open the address above)';
  io.out(`Masthead is serving ${opened.value.name} (${size.toLocaleString('en')} article${size === 1 ? '' : 's'}) on 127.0.0.1 only. ${where}; press Ctrl+C to stop.\n`);
  await stopped(stop);
  await host.close();
  await session.close();
  return EXIT.ok;
}

/** Resolves once `stop` is aborted. */
function stopped(stop: AbortSignal): Promise<'stopped'> {
  return new Promise((resolve) => (stop.aborted ? resolve('stopped') : stop.addEventListener('abort', () => resolve('stopped'), { once: true })));
}

/**
 * How many articles the library holds once its list matches the files. A warm open lists the
 * persistent index at once, before it has compared it with the folder: a library that gained files
 * since it was last open would be said to hold what it held then.
 */
async function listedSize(session: Session, atOpen: number): Promise<number> {
  const open = session.library();
  if (!open.ok) return atOpen;
  const { library } = open.value;
  await library.verified.catch(() => undefined);
  return library.size;
}

/** Parses `--port`: a whole number from 0 to 65535. */
export function parsePort(value: string | undefined): number {
  if (value === undefined) return 0;
  const port = Number(value);
  if (!/^\d+$/.test(value) || port > 65535) throw new UsageError('--port must be a number from 0 to 65535 (0 picks a free one)');
  return port;
}

/** The Electron executable, when the electron package and its binary are both installed. */
export function findElectron(): string | null {
  try {
    const path: unknown = createRequire(import.meta.url)('electron');
    return typeof path === 'string' && existsSync(path) ? path : null;
  } catch {
    return null; // not installed, or installed without its binary
  }
}

/**
 * An Electron that ends with a failure this soon after it was started never showed its window
 * (shared libraries missing, no display it can use, a sandbox it cannot set up): the desk is then
 * served in the browser instead, as when Electron is not installed. Later, it was the app.
 */
export const EARLY_FAILURE_MS = 5000;

/** How `start` finds and runs Electron: the machine's, or a test's. */
export interface ElectronLauncher {
  /** The Electron executable, or null when it is not installed. */
  readonly electron: string | null;
  /** Why this session can show no window (Linux with neither an X nor a Wayland display), or null. */
  readonly noDisplay: string | null;
  /** Runs Electron with `args` until it ends: its exit code, or the signal that ended it, and how long it ran. */
  run(electron: string, args: readonly string[]): Promise<{ readonly code: number | null; readonly signal: string | null; readonly ms: number }>;
  /** Asks the system to show `url` in the editor's browser; nothing happens where it cannot. */
  openBrowser(url: string): void;
}

/** How each system opens an address in its browser: the program and its arguments. */
export function browserCommand(url: string, platform: NodeJS.Platform): { readonly command: string; readonly args: readonly string[] } {
  if (platform === 'darwin') return { command: 'open', args: [url] };
  // `start` is cmd's own; its first quoted argument is a window title, and cmd reads & as a separator.
  if (platform === 'win32') return { command: 'cmd', args: ['/c', 'start', '""', url.replace(/&/g, '^&')] };
  return { command: 'xdg-open', args: [url] };
}

/** The machine's Electron, run with its output on this terminal, and its browser. */
export function machineElectron(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform, spawnProgram: typeof spawn = spawn): ElectronLauncher {
  return {
    openBrowser: (url) => {
      const { command, args } = browserCommand(url, platform);
      // Left to itself: a browser that is missing, or slow, neither stops the desk nor says more than the address printed.
      const child = spawnProgram(command, args, { stdio: 'ignore', detached: true, windowsHide: true });
      child.once('error', () => undefined);
      child.unref();
    },
    electron: findElectron(),
    noDisplay: platform === 'linux' && !env.DISPLAY && !env.WAYLAND_DISPLAY ? 'this session has no display to open a window on (neither DISPLAY nor WAYLAND_DISPLAY is set)' : null,
    run: (electron, args) =>
      new Promise((resolve) => {
        const started = performance.now();
        const child = spawn(electron, args, { stdio: 'inherit' });
        const ended = (code: number | null, signal: string | null): void => resolve({ code, signal, ms: performance.now() - started });
        child.once('error', () => ended(null, null)); // could not be run at all
        child.once('exit', ended);
      }),
  };
}

/**
 * Opens the app in Electron. Where Electron is not installed, cannot show a window here, or fails
 * as it starts, says so plainly and serves the same desk in the browser instead: `npm start` always
 * ends on a desk.
 */
export async function startDesk(dir: string | undefined, io: CliIo, stop: AbortSignal, launcher: ElectronLauncher = machineElectron()): Promise<number> {
  const instead = 'so Masthead serves the same desk in your browser instead.\n';
  const { electron, noDisplay } = launcher;
  // Where a window could be shown, the browser is: an editor who ran `npm start` expects a desk, not an address to copy.
  const show = noDisplay === null ? (url: string): void => launcher.openBrowser(url) : undefined;
  if (electron === null) {
    io.err(`Electron is not installed on this machine (its binary could not be downloaded), ${instead}`);
    return serveDesk(dir, 0, io, stop, show);
  }
  if (noDisplay !== null) {
    io.err(`Masthead cannot open its window: ${noDisplay}, ${instead}`);
    return serveDesk(dir, 0, io, stop);
  }
  const { code, signal, ms } = await launcher.run(electron, [packageRoot(), ...(dir ? ['--library', dir] : [])]);
  if (code === 0) return EXIT.ok;
  if (ms < EARLY_FAILURE_MS) {
    const how = signal !== null ? `was ended by ${signal}` : code !== null ? `exited with code ${code}` : 'could not be run';
    io.err(`Electron could not start (it ${how}; its own message, if it gave one, is above), ${instead}`);
    return serveDesk(dir, 0, io, stop, show);
  }
  // The app ran, then failed: a crash is a failure, not the clean exit a missing code would say.
  return code ?? EXIT.someFailed;
}

/** Aborts on Ctrl+C or SIGTERM: how a served desk is stopped from the terminal. */
export function untilSignal(): AbortSignal {
  const controller = new AbortController();
  const stop = (): void => controller.abort();
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return controller.signal;
}
