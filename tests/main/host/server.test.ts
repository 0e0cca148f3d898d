import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createHostHandlers } from '../../../main/host/host-handlers.js';
import { asciiJson, startBrowserHost, type BrowserHost } from '../../../main/host/server.js';
import { seededRandom } from '../../helpers/seeded.js';
import { Session } from '../../../main/session.js';
import { tempDir } from '../../helpers/corpora.js';

const SEED_ID = '000_8a8d1d44de5d8be9.txt';
const library = tempDir();
const renderer = tempDir();
let host: BrowserHost;
let session: Session;
let token: string;
/** The open library's key, as the desk learns it from the list (see `LibraryKey`). */
let key: string;

beforeAll(async () => {
  cpSync(fileURLToPath(new URL('../../../seeds', import.meta.url)), library.dir, { recursive: true });
  mkdirSync(join(renderer.dir, 'assets'));
  writeFileSync(join(renderer.dir, 'index.html'), '<!doctype html><title>desk</title>');
  writeFileSync(join(renderer.dir, 'assets', 'a.js'), 'export {}');
  session = new Session((e) => host?.broadcast(e), { watch: false });
  await session.open(library.dir);
  host = await startBrowserHost({ handlers: createHostHandlers(session, (e) => host?.broadcast(e)), rendererDir: renderer.dir, port: 0 });
  token = new URL(host.url).searchParams.get('token')!;
  key = (JSON.parse((await api('listArticles', [null, 1])).body) as { value: { library: string } }).value.library;
});
afterAll(async () => {
  await host.close();
  await session.close();
  library.cleanup();
  renderer.cleanup();
});

/** A raw HTTP request, so tests can send any Host and Origin. */
function send(path: string, options: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: host.port, path, method: options.method ?? 'GET', headers: { host: `127.0.0.1:${host.port}`, ...options.headers } }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

const api = (name: string, args: unknown[], headers: Record<string, string> = {}) =>
  send(`/api/${name}`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-masthead-token': token, ...headers }, body: JSON.stringify({ args }) });

describe('the browser host', () => {
  test('prints an address on 127.0.0.1 with a long random token', () => {
    expect(host.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]{32}$/);
  });

  test('serves the desk with a Content-Security-Policy', async () => {
    const page = await send('/');
    expect(page.status).toBe(200);
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect((await send('/assets/a.js')).headers['content-type']).toMatch(/javascript/);
    expect((await send('/../../etc/passwd')).status).toBe(404);
    expect((await send('/%2e%2e/%2e%2e/etc/passwd')).status).toBe(404);
  });

  test('answers requests that carry the token', async () => {
    const res = await api('listArticles', [null, 100]);
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toMatchObject({ ok: true, value: { name: expect.any(String), library: key, total: 1, done: true, articles: [{ id: SEED_ID }] } });
    expect(key).toMatch(/^[\w-]{12}$/);
    expect(JSON.parse((await api('listArticles', [SEED_ID, 100])).body)).toMatchObject({ ok: true, value: { articles: [], done: true } });
    expect(JSON.parse((await api('listArticles', [])).body)).toMatchObject({ ok: false, error: { kind: 'bad-request' } });
    expect(JSON.parse((await api('listArticles', [42, 100])).body)).toMatchObject({ ok: false, error: { kind: 'bad-request' } });
    expect(JSON.parse((await api('listArticles', [null, 10 ** 9])).body)).toMatchObject({ ok: false, error: { kind: 'bad-request' } });
  });

  test('answers in ASCII, every other character as its escape: the same value, which the browser reads on its fast path', async () => {
    const text = (value: unknown): string => asciiJson(JSON.stringify(value)).toString('latin1');
    const value = { title: 'Café – 東京 😀\u200b', lone: '\ud800', plain: 'a "quoted" \\ line\n\x7f' };
    const json = text(value);
    expect(json).toMatch(/^[\x20-\x7f]*$/);
    expect(json).toContain('Caf\\u00e9 \\u2013 \\u6771\\u4eac \\ud83d\\ude00\\u200b');
    expect(JSON.parse(json)).toEqual(value);
    const ascii = JSON.stringify({ plain: 'nothing to escape' });
    expect(text(JSON.parse(ascii))).toBe(ascii);
    // Random texts of every width (ASCII, Latin-1, the rest of the first plane, pairs past it, lone
    // surrogates), each round also given one of these in turn, at the start, inside or at the end
    // (every one in every place over 42 rounds): ASCII without control characters (JSON escapes
    // those), and the same value read back.
    const rand = seededRandom(11);
    const units = [0x41, 0x7f, 0x80, 0xe9, 0x7ff, 0x800, 0x2013, 0x200b, 0xfeff, 0xffff, 0xd83d, 0xde00, 0xdbff, 0xdfff];
    for (let round = 0; round < 300; round++) {
      const codes = Array.from({ length: rand(40) }, () => (rand(3) === 0 ? units[rand(units.length)]! : 0x20 + rand(0x5f)));
      const unit = units[round % units.length]!;
      if (round % 3 === 0) codes.unshift(unit);
      else if (round % 3 === 1) codes.push(unit);
      else codes.splice(rand(codes.length + 1), 0, unit);
      const random = String.fromCharCode(...codes);
      const answer = text({ text: random, list: [random, round] });
      expect(answer).toMatch(/^[\x20-\x7f]*$/);
      expect(JSON.parse(answer)).toEqual({ text: random, list: [random, round] });
    }
    const res = await api('listArticles', [null, 100]);
    expect(res.headers['content-length']).toBe(String(Buffer.byteLength(res.body)));
    expect(res.body).toMatch(/^[\x20-\x7e]*$/);
  });

  test.each<{ name: string; headers: Record<string, string>; status: number }>([
    { name: 'no token', headers: { 'x-masthead-token': '' }, status: 401 },
    { name: 'a wrong token', headers: { 'x-masthead-token': 'x'.repeat(32) }, status: 401 },
    { name: 'a rebinding Host', headers: { host: 'evil.example:80' }, status: 403 },
    { name: 'a foreign Origin', headers: { origin: 'https://evil.example' }, status: 403 },
    { name: 'a form post', headers: { 'content-type': 'application/x-www-form-urlencoded' }, status: 415 },
  ])('refuses $name', async ({ headers, status }) => {
    const res = await api('setPublished', [SEED_ID, true, key], headers);
    expect(res.status).toBe(status);
    expect(readFileSync(join(library.dir, SEED_ID), 'utf8')).toContain('published: false');
  });

  test('validates arguments and never leaves the library', async () => {
    expect(JSON.parse((await api('readArticle', ['../../../etc/passwd.md'])).body)).toMatchObject({ ok: false, error: { kind: 'outside-library' } });
    expect(JSON.parse((await api('setPublished', [SEED_ID, 'true', key])).body)).toMatchObject({ ok: false, error: { kind: 'bad-request' } });
    expect(JSON.parse((await api('setTopics', [SEED_ID, ['AI'], [], 7])).body)).toMatchObject({ ok: false, error: { kind: 'bad-request', message: 'an edit must name the library it was made in' } });
    expect(JSON.parse((await api('setTopics', [SEED_ID, ['AI'], key])).body)).toMatchObject({ ok: false, error: { kind: 'bad-request' } });
    expect(JSON.parse((await api('setTopics', [SEED_ID, ['AI'], 'AI', key])).body)).toMatchObject({ ok: false, error: { kind: 'bad-request' } });
    expect(JSON.parse((await api('setTopics', [SEED_ID])).body)).toMatchObject({ ok: false, error: { kind: 'bad-request' } });
    expect(JSON.parse((await api('setPublishedMany', [[SEED_ID], 'true', key])).body)).toMatchObject({ ok: false, error: { kind: 'bad-request' } });
    expect(JSON.parse((await api('setPublishedMany', [SEED_ID, true, key])).body)).toMatchObject({ ok: false, error: { kind: 'bad-request' } });
    expect(JSON.parse((await api('setPublishedMany', [[SEED_ID], true, 'another-library'])).body)).toMatchObject({ ok: false, error: { kind: 'not-found' } });
    expect(JSON.parse((await api('setPublishedMany', [['../../../etc/passwd.md'], true, key])).body)).toMatchObject({
      ok: true,
      value: { saved: [], failed: [{ id: '../../../etc/passwd.md', message: expect.stringContaining('is not the id of an article') }] },
    });
    expect(JSON.parse((await api('setTopicsMany', [[{ id: SEED_ID, topics: ['AI'], from: [] }], 'another-library'])).body)).toMatchObject({ ok: false, error: { kind: 'not-found' } });
    expect(JSON.parse((await api('setTopicsMany', [{ id: SEED_ID }, key])).body)).toMatchObject({ ok: false, error: { kind: 'bad-request' } });
    expect(JSON.parse((await api('setTopicsMany', [[]])).body)).toMatchObject({ ok: false, error: { kind: 'bad-request' } });
    // A server launches no programs: it shows no file in a file manager, nor opens one in an app.
    expect(JSON.parse((await api('showArticleFile', [SEED_ID, 'app', key])).body)).toMatchObject({ ok: false, error: { kind: 'bad-request', message: expect.stringContaining('only the Masthead app') } });
    expect(readFileSync(join(library.dir, SEED_ID), 'utf8')).toContain('published: false');
    expect((await api('noSuchRequest', [])).status).toBe(404);
    const badBody = await send('/api/listArticles', { method: 'POST', headers: { 'content-type': 'application/json', 'x-masthead-token': token }, body: '{"args": 5}' });
    expect(badBody.status).toBe(400);
  });

  test('an edit over HTTP is a one-line change on disk, pushed to open pages as an event', async () => {
    const before = readFileSync(join(library.dir, SEED_ID), 'utf8');
    const events: string[] = [];
    const stream = await new Promise<import('node:http').IncomingMessage>((resolve) => {
      request({ host: '127.0.0.1', port: host.port, path: `/api/events?token=${token}`, headers: { host: `127.0.0.1:${host.port}` } }, resolve).end();
    });
    stream.setEncoding('utf8');
    stream.on('data', (chunk: string) => events.push(chunk));
    const res = JSON.parse((await api('setPublished', [SEED_ID, true, key])).body);
    expect(res).toMatchObject({ ok: true, value: { published: true } });
    expect(readFileSync(join(library.dir, SEED_ID), 'utf8')).toBe(before.replace('published: false', 'published: true'));
    for (let i = 0; i < 50 && !events.join('').includes('"changed"'); i++) await new Promise((r) => setTimeout(r, 20));
    expect(events.join('')).toContain('"type":"changed"');
    stream.destroy();
    await api('setPublished', [SEED_ID, false, key]);
  });

  test('the desk may have the library opened again: what another program changed unseen is listed, the key kept', async () => {
    // This session watches nothing, as where the system will not watch the folder.
    const path = join(library.dir, SEED_ID);
    const before = readFileSync(path, 'utf8');
    const title = (): Promise<string> => api('listArticles', [null, 10]).then((r) => (JSON.parse(r.body) as { value: { articles: { title: string }[] } }).value.articles[0]!.title);
    try {
      writeFileSync(path, before.replace(/^title: .*$/m, 'title: Retitled elsewhere'));
      expect(await title()).not.toBe('Retitled elsewhere');
      expect(JSON.parse((await api('reopenLibrary', ['again'])).body)).toMatchObject({ ok: false, error: { kind: 'bad-request' } });
      expect(JSON.parse((await api('reopenLibrary', [])).body)).toEqual({ ok: true, value: null });
      expect(await title()).toBe('Retitled elsewhere');
      expect((JSON.parse((await api('listArticles', [null, 1])).body) as { value: { library: string } }).value.library).toBe(key);
    } finally {
      writeFileSync(path, before);
      await api('reopenLibrary', []);
    }
  });

  test('an edit made on the list of another library is refused, and the file left as it is', async () => {
    const res = JSON.parse((await api('setPublished', [SEED_ID, true, 'another-lib1'])).body);
    expect(res).toEqual({ ok: false, error: { kind: 'not-found', message: expect.stringMatching(/library open before; .*nothing was changed/) } });
    expect(readFileSync(join(library.dir, SEED_ID), 'utf8')).toContain('published: false');
  });
});
