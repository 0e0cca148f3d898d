/** `masthead serve` and `masthead start`: the desk in a browser, or in Electron where it is installed. */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { appDataFolder } from '../data-folder.js';
import { createHostHandlers } from '../host/host-handlers.js';
import { startBrowserHost, type BrowserHost } from '../host/server.js';
import { packageRoot, seedsFolder } from '../package-root.js';
import { Session } from '../session.js';
import { EXIT, UsageError, type CliIo } from './output.js';

/** Serves the desk for DIR until stopped; prints the address first. */
export async function serveDesk(dir: string | undefined, port: number, io: CliIo, stop: AbortSignal): Promise<number> {
  let host: BrowserHost | null = null;
  const session = new Session((event) => host?.broadcast(event), { watch: true, dataFolder: () => appDataFolder() });
  const opened = await session.open(dir ?? seedsFolder());
  if (!opened.ok) {
    io.err(`masthead: ${opened.error.message}\n`);
    return EXIT.usage;
  }
  const handlers = createHostHandlers(session, (event) => host?.broadcast(event));
  try {
    host = await startBrowserHost({ handlers, rendererDir: join(packageRoot(), 'out', 'renderer'), port });
  } catch (e) {
    io.err(`masthead: cannot listen on 127.0.0.1:${port}: ${e instanceof Error ? e.message : String(e)}\n`);
    await session.close();
    return EXIT.usage;
  }
  io.out(`${host.url}\n`);
  const size = await listedSize(session, opened.value.size);
  io.out(`Masthead is serving ${opened.value.name} (${size.toLocaleString('en')} article${size === 1 ? '' : 's'}) on 127.0.0.1 only. Open the address above; press Ctrl+C to stop.\n`);
  await new Promise<void>((resolve) => (stop.aborted ? resolve() : stop.addEventListener('abort', () => resolve(), { once: true })));
  await host.close();
  await session.close();
  return EXIT.ok;
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

/** Opens the app in Electron, or says plainly why not and serves the desk in the browser instead. */
export async function startDesk(dir: string | undefined, io: CliIo, stop: AbortSignal): Promise<number> {
  const electron = findElectron();
  if (electron !== null) {
    const child = spawn(electron, [packageRoot(), ...(dir ? ['--library', dir] : [])], { stdio: 'inherit' });
    return new Promise((resolve) => child.on('exit', (code) => resolve(code ?? EXIT.ok)));
  }
  io.err('Electron is not installed on this machine (its binary could not be downloaded), so Masthead serves the same desk in your browser instead.\n');
  return serveDesk(dir, 0, io, stop);
}

/** Aborts on Ctrl+C or SIGTERM: how a served desk is stopped from the terminal. */
export function untilSignal(): AbortSignal {
  const controller = new AbortController();
  const stop = (): void => controller.abort();
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return controller.signal;
}
