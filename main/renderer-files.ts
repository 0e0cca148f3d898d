/** The built renderer's files, as both hosts serve them: known types only, never outside the folder. */
import { extname, join, normalize } from 'node:path';
import { isInside } from './core/library-paths.js';

const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.map': 'application/json',
};

/** The file and content type for a URL path, or null for anything that is not a renderer file. */
export function rendererFile(root: string, pathname: string): { path: string; type: string } | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname === '/' ? '/index.html' : pathname);
  } catch {
    return null;
  }
  const path = normalize(join(root, decoded));
  const type = TYPES[extname(path)];
  if (decoded.includes('\0') || !isInside(root, path) || path === root || type === undefined) return null;
  return { path, type };
}
