/**
 * A folder inside the library that cannot be read (permission denied): its articles cannot be
 * listed, and the desk is told which folder and why rather than finding them silently missing.
 * Tests run as root on our machines, where permissions deny nothing: the refusal is stood in for.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, sep } from 'node:path';
import { afterEach, describe, expect, test, vi } from 'vitest';
import type { LibraryEventMessage } from '../../shared/contract.js';
import { tempDir } from '../helpers/corpora.js';

/** Folders (ending of their path) that refuse to be listed, and with which code. */
const refused = vi.hoisted(() => new Map<string, string>());
vi.mock('node:fs/promises', async (original) => {
  const fs = await original<typeof import('node:fs/promises')>();
  const readdir = (async (path: string, ...rest: unknown[]) => {
    for (const [end, code] of refused) {
      if (String(path).endsWith(end)) throw Object.assign(new Error(`${code}: refused, readdir '${String(path)}'`), { code });
    }
    return (fs.readdir as (...args: unknown[]) => Promise<unknown>)(path, ...rest);
  }) as typeof fs.readdir;
  return { ...fs, readdir, default: { ...fs, readdir } };
});
const { scanLibrary } = await import('../../main/core/library-paths.js');
const { Session } = await import('../../main/session.js');
const { createHostHandlers } = await import('../../main/host/host-handlers.js');
const { runCli } = await import('../../main/cli/masthead.js');

const cleanups: (() => void)[] = [];
afterEach(() => {
  refused.clear();
  cleanups.splice(0).forEach((c) => c());
});

const article = (title: string): string => `---\ntitle: ${title}\npublished: false\n---\n`;

/** A library with articles at its top and in 2019/, 2019/embargoed/ and drafts/. */
function library(): string {
  const { dir, cleanup } = tempDir();
  cleanups.push(cleanup);
  for (const folder of ['2019/embargoed', 'drafts']) mkdirSync(join(dir, folder), { recursive: true });
  writeFileSync(join(dir, 'top.md'), article('Top'));
  writeFileSync(join(dir, '2019', 'a.md'), article('A'));
  writeFileSync(join(dir, '2019', 'embargoed', 'secret.md'), article('Secret'));
  writeFileSync(join(dir, 'drafts', 'd.md'), article('D'));
  return dir;
}

describe('scanLibrary', () => {
  test('names each sub-folder it cannot read, and why; a folder gone meanwhile is no error', async () => {
    const dir = library();
    refused.set(`${sep}2019${sep}embargoed`, 'EACCES');
    refused.set(`${sep}drafts`, 'ENOENT');
    const unreadable: { folder: string; message: string }[] = [];
    const files = await scanLibrary(dir, undefined, unreadable);
    expect(files.map((f) => f.id)).toEqual(['top.md', '2019/a.md']);
    expect(unreadable).toEqual([{ folder: '2019/embargoed', message: 'permission denied' }]);
  });
});

describe('a library with a folder it cannot read', () => {
  test('opens; the desk hears which folder, with the list and, once it can be read again, by event', async () => {
    const dir = library();
    refused.set(`${sep}embargoed`, 'EACCES');
    const events: LibraryEventMessage[] = [];
    const session = new Session((e) => events.push(e), { watch: false });
    cleanups.push(() => void session.close());
    expect((await session.open(dir)).ok).toBe(true);
    const handlers = createHostHandlers(session, () => undefined);
    const listing = await handlers.listArticles(null, 10);
    expect(listing).toMatchObject({ ok: true, value: { total: 3, unreadableFolders: [{ folder: '2019/embargoed', message: 'permission denied' }] } });
    // Readable again, and the library found again (as the watch does when a folder changes).
    refused.clear();
    const open = session.library();
    if (!open.ok) throw new Error(open.error.message);
    await open.value.library.rescan();
    expect(events).toContainEqual({ type: 'unreadable-folders', folders: [] });
    expect(open.value.library.list().map((a) => a.id)).toContain('2019/embargoed/secret.md');
    const again = await handlers.listArticles(null, 10);
    expect(again.ok && 'unreadableFolders' in again.value).toBe(false);
  });
});

describe('masthead check', () => {
  test('names a folder it cannot read, and fails: its articles were not checked', async () => {
    const dir = library();
    refused.set(`${sep}embargoed`, 'EACCES');
    let out = '';
    let err = '';
    const code = await runCli(['check', dir], { out: (t) => (out += t), err: (t) => (err += t) });
    expect(err).toBe('masthead: 2019/embargoed/ cannot be read (permission denied): its articles are left out\n');
    expect(out).toContain('3 articles checked: 0 with errors');
    expect(code).toBe(1);
    refused.clear();
    err = '';
    expect(await runCli(['check', dir], { out: () => undefined, err: (t) => (err += t) })).toBe(0);
    expect(err).toBe('');
  });

  test('an export says so too: the approved articles of that folder are not in it', async () => {
    const dir = library();
    refused.set(`${sep}embargoed`, 'EACCES');
    const { dir: out, cleanup } = tempDir();
    cleanups.push(cleanup);
    let err = '';
    await runCli(['export', dir, '--out', join(out, 'approved.json'), '--format', 'json'], { out: () => undefined, err: (t) => (err += t) });
    expect(err).toContain('masthead: 2019/embargoed/ cannot be read (permission denied): its articles are left out\n');
  });
});
