/**
 * The browser host: the same renderer, served on 127.0.0.1 over the same handlers. Every API
 * request carries the per-run token; Host and Origin must name this server (no DNS rebinding).
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { readFile } from 'node:fs/promises';
import { REQUEST_NAMES, type Handlers, type LibraryEventMessage, type RequestName } from '../../shared/contract.js';
import { rendererFile } from '../renderer-files.js';
import { CONTENT_SECURITY_POLICY } from '../csp.js';

const MAX_BODY = 1024 * 1024;

/** A running host. */
export interface BrowserHost {
  /** The address to open, token included. */
  readonly url: string;
  readonly port: number;
  /** Sends a library event to every open page. */
  readonly broadcast: (event: LibraryEventMessage) => void;
  readonly close: () => Promise<void>;
}

/** Starts the host on 127.0.0.1:`port` (0 picks a free one), serving `rendererDir`. */
export async function startBrowserHost(options: { handlers: Handlers; rendererDir: string; port?: number }): Promise<BrowserHost> {
  const token = randomBytes(24).toString('base64url');
  const streams = new Set<ServerResponse>();
  let port = 0;

  const server: Server = createServer((req, res) => {
    void route(req, res).catch(() => send(res, 500, { ok: false, error: { kind: 'io', message: 'the host failed to answer' } }));
  });

  const route = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'no-referrer');
    if (!hostIsOurs(req.headers.host, port) || !originIsOurs(req.headers.origin, port)) {
      send(res, 403, { ok: false, error: { kind: 'bad-request', message: 'this host only answers its own pages on 127.0.0.1' } });
      return;
    }
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
    if (url.pathname.startsWith('/api/')) {
      if (!tokenMatches(req.headers['x-masthead-token'] ?? url.searchParams.get('token'), token)) {
        send(res, 401, { ok: false, error: { kind: 'bad-request', message: 'missing or wrong token: open the address Masthead printed' } });
        return;
      }
      if (url.pathname === '/api/events' && req.method === 'GET') openEventStream(res, streams);
      else await answerRequest(req, res, url.pathname.slice('/api/'.length), options.handlers);
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      send(res, 405, { ok: false, error: { kind: 'bad-request', message: 'method not allowed' } });
      return;
    }
    await serveFile(res, options.rendererDir, url.pathname);
  };

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  port = typeof address === 'object' && address !== null ? address.port : 0;

  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    port,
    broadcast: (event) => {
      const frame = `data: ${JSON.stringify(event)}\n\n`;
      for (const stream of streams) stream.write(frame);
    },
    close: async () => {
      for (const stream of streams) stream.end();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

async function answerRequest(req: IncomingMessage, res: ServerResponse, name: string, handlers: Handlers): Promise<void> {
  if (req.method !== 'POST' || !(REQUEST_NAMES as readonly string[]).includes(name)) {
    send(res, 404, { ok: false, error: { kind: 'bad-request', message: `no such request: ${name.slice(0, 50)}` } });
    return;
  }
  if (!String(req.headers['content-type'] ?? '').startsWith('application/json')) {
    send(res, 415, { ok: false, error: { kind: 'bad-request', message: 'requests must be JSON' } });
    return;
  }
  const body = await readBody(req);
  let args: unknown;
  try {
    args = body === null ? undefined : (JSON.parse(body) as { args?: unknown }).args;
  } catch {
    args = undefined;
  }
  if (!Array.isArray(args)) {
    send(res, 400, { ok: false, error: { kind: 'bad-request', message: 'the body must be {"args": [...]} of at most 1 MB' } });
    return;
  }
  send(res, 200, await handlers[name as RequestName](...(args as unknown[])));
}

function openEventStream(res: ServerResponse, streams: Set<ServerResponse>): void {
  res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-store', Connection: 'keep-alive' });
  res.write(': connected\n\n');
  streams.add(res);
  res.on('close', () => streams.delete(res));
}

async function serveFile(res: ServerResponse, root: string, pathname: string): Promise<void> {
  const file = rendererFile(root, pathname);
  let bytes: Buffer | null = null;
  if (file !== null) bytes = await readFile(file.path).catch(() => null);
  if (file === null || bytes === null) {
    const missing = pathname === '/' || pathname === '/index.html' ? 'the desk is not built: run "npm run build"' : 'not found';
    send(res, 404, { ok: false, error: { kind: 'not-found', message: missing } });
    return;
  }
  res.writeHead(200, {
    'Content-Type': file.type,
    'Content-Length': bytes.length,
    'Cache-Control': 'no-cache',
    ...(file.type.startsWith('text/html') ? { 'Content-Security-Policy': CONTENT_SECURITY_POLICY, 'X-Frame-Options': 'DENY' } : {}),
  });
  res.end(bytes);
}

function readBody(req: IncomingMessage): Promise<string | null> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY) {
        resolve(null);
        req.destroy();
      } else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', () => resolve(null));
  });
}

function send(res: ServerResponse, status: number, body: unknown): void {
  if (res.headersSent) return;
  const json = asciiJson(JSON.stringify(body));
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', 'Content-Length': json.length });
  res.end(json);
}

const NOT_ASCII = /[\u0080-\uffff]/g;
const HEX = '0123456789abcdef';

/**
 * The bytes of `json` with every character outside ASCII written as its \\u escape: the same
 * value, which the browser reads on its ASCII fast path. The escapes go straight into the bytes:
 * replaced in the text, they made a new copy of the whole answer at two bytes a character (one
 * character past Latin-1 makes a whole text so), converted to bytes after. A page of 1,500 at
 * 100,000 took 8-14 ms so, 2-3 ms now (about what plain UTF-8 takes).
 */
export function asciiJson(json: string): Buffer {
  if (Buffer.byteLength(json) === json.length) return Buffer.from(json, 'latin1'); // ASCII already
  const escaped: number[] = [];
  NOT_ASCII.lastIndex = 0;
  while (NOT_ASCII.exec(json) !== null) escaped.push(NOT_ASCII.lastIndex - 1);
  const bytes = Buffer.allocUnsafe(json.length + 5 * escaped.length);
  let from = 0;
  let at = 0;
  for (const i of escaped) {
    at += bytes.write(json.slice(from, i), at, 'latin1'); // ASCII only: a byte a character
    const c = json.charCodeAt(i);
    at = bytes.writeUInt16BE(0x5c75, at); // \u
    for (const shift of [12, 8, 4, 0]) bytes[at++] = HEX.charCodeAt((c >> shift) & 15);
    from = i + 1;
  }
  bytes.write(json.slice(from), at, 'latin1');
  return bytes;
}

/** Host must be this server by IP or as localhost: a rebinding attacker's name never matches. */
export function hostIsOurs(host: string | undefined, port: number): boolean {
  return host === `127.0.0.1:${port}` || host === `localhost:${port}`;
}

/** Origin, when a browser sends one, must be this server too. */
export function originIsOurs(origin: string | undefined, port: number): boolean {
  return origin === undefined || origin === `http://127.0.0.1:${port}` || origin === `http://localhost:${port}`;
}

function tokenMatches(given: unknown, token: string): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}
