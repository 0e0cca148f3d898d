/** Serves the built renderer on masthead://app with the Content-Security-Policy, instead of file://. */
import type { Protocol } from 'electron';
import { readFile } from 'node:fs/promises';
import { CONTENT_SECURITY_POLICY } from '../csp.js';
import { rendererFile } from '../renderer-files.js';
import { RENDERER_SCHEME } from './window.js';

/** Must run before the app is ready. */
export function registerRendererScheme(protocol: Protocol): void {
  protocol.registerSchemesAsPrivileged([{ scheme: RENDERER_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
}

/** Answers masthead://app/… from `rendererDir`; anything else is a 404. */
export async function serveRendererRequest(rendererDir: string, requestUrl: string): Promise<Response> {
  const url = new URL(requestUrl);
  const file = url.host === 'app' ? rendererFile(rendererDir, url.pathname) : null;
  const bytes = file ? await readFile(file.path).catch(() => null) : null;
  if (file === null || bytes === null) return new Response('not found', { status: 404 });
  return new Response(new Uint8Array(bytes), {
    headers: { 'Content-Type': file.type, 'Content-Security-Policy': CONTENT_SECURITY_POLICY, 'X-Content-Type-Options': 'nosniff' },
  });
}

/** Installs the handler once the app is ready. */
export function handleRendererScheme(protocol: Protocol, rendererDir: string): void {
  protocol.handle(RENDERER_SCHEME, (request) => serveRendererRequest(rendererDir, request.url));
}
