import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../../main/csp.js';
import { serveRendererRequest } from '../../../main/electron/renderer-protocol.js';
import { tempDir } from '../../helpers/corpora.js';

const { dir, cleanup } = tempDir();
afterAll(cleanup);
mkdirSync(join(dir, 'renderer', 'assets'), { recursive: true });
writeFileSync(join(dir, 'renderer', 'index.html'), '<!doctype html><title>desk</title>');
writeFileSync(join(dir, 'renderer', 'assets', 'app.js'), 'console.log(1)');
writeFileSync(join(dir, 'secret.txt'), 'secret');
const root = join(dir, 'renderer');

describe('the masthead:// scheme', () => {
  test('serves the desk with its Content-Security-Policy', async () => {
    const response = await serveRendererRequest(root, 'masthead://app/index.html');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(await response.text()).toContain('desk');
    expect((await serveRendererRequest(root, 'masthead://app/assets/app.js')).headers.get('content-type')).toMatch(/javascript/);
  });

  test.each(['masthead://app/../secret.txt', 'masthead://app/%2e%2e/secret.txt', 'masthead://app/..%2fsecret.txt', 'masthead://other/index.html', 'masthead://app/missing.js'])('%s is not served', async (url) => {
    expect((await serveRendererRequest(root, url)).status).toBe(404);
  });

  test('the bare origin serves the desk', async () => {
    expect((await serveRendererRequest(root, 'masthead://app/')).status).toBe(200);
  });

  test('the policy allows only the desk\'s own scripts', () => {
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'");
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-inline');
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-eval');
  });
});
