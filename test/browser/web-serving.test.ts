import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../src/db/connection.js';
import type { CashloopApp } from '../../src/http/conventions.js';
import { landingPage } from '../../src/http/landing-page.js';
import { buildServer } from '../../src/http/server.js';
import { ensureWebBuild } from '../../web/ensure-build.js';
import { openTestDatabase } from '../support/database.js';

// No browser needed: this is what the server answers for the built web app, over HTTP (inject).
describe('serving the web app', () => {
  let database: DatabaseHandle;
  let app: CashloopApp;

  beforeAll(async () => {
    await ensureWebBuild();
    database = await openTestDatabase();
    app = await buildServer({ database });
    // As src/main.ts does: the pre-console landing page at /, registered after the server is built.
    app.get('/', async (_request, reply) => reply.type('text/html; charset=utf-8').send(landingPage));
    await app.ready();
  }, 120_000);
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  const get = (url: string, headers: Record<string, string> = {}) => app.inject({ method: 'GET', url, headers });

  it('serves the console at / and its screens by path (SPA fallback), with a strict content security policy', async () => {
    const root = await get('/');
    expect(root.statusCode).toBe(200);
    expect(root.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(root.body).toContain('<div id="root"></div>');
    expect(root.body).toMatch(/<script type="module" crossorigin src="\/assets\/console-[\w-]+\.js">/);
    expect(root.headers['content-security-policy']).toContain("script-src 'self'");
    expect(root.headers['cache-control']).toBe('no-cache');
    for (const screen of ['/customers', '/customers/0199-abc', '/invoices?status=open', '/cash/lines/x', '/settings', '/settings/late-fees', '/orders/new', '/orders/0199-abc']) {
      const response = await get(screen);
      expect(response.statusCode, screen).toBe(200);
      expect(response.body).toBe(root.body);
    }
  });

  it('serves the portal at /portal/, also for the emailed sign-in link page and deep links', async () => {
    const portal = await get('/portal/');
    expect(portal.statusCode).toBe(200);
    expect(portal.body).toMatch(/src="\/assets\/portal-[\w-]+\.js"/);
    expect(portal.body).not.toContain('/assets/console-');
    for (const screen of ['/portal', '/portal/invoices/123', '/portal/sign-in?token=abc', '/portal/cards']) {
      const response = await get(screen);
      expect(response.statusCode, screen).toBe(200);
      expect(response.body).toBe(portal.body);
    }
  });

  it('keeps every API path an API: unknown ones are problem+json 404s, never the app', async () => {
    for (const url of ['/v1/no-such-thing', '/v1', '/auth/nope', '/portal/v1/nope', '/portal/sign-in-link/x', '/gateway-webhooks/x/y', '/openapi.json/x', '/health/x']) {
      const response = await get(url);
      expect(response.headers['content-type'], url).toContain('application/problem+json');
      expect([401, 404], url).toContain(response.statusCode);
    }
    expect((await get('/health')).json()).toMatchObject({ status: 'ok' });
    expect((await get('/openapi.json')).json()).toHaveProperty('openapi');
    expect((await get('/docs/')).headers['content-type']).toContain('text/html');
    // A missing asset is a 404, not index.html (a stale script tag must fail loudly).
    expect((await get('/assets/console-missing.js')).statusCode).toBe(404);
  });

  it('sends hashed assets compressed, cached for a year, and answers a revalidation with 304', async () => {
    const script = /src="(\/assets\/console-[\w-]+\.js)"/.exec((await get('/')).body)?.[1] ?? '';
    const plain = await get(script);
    expect(plain.statusCode).toBe(200);
    expect(plain.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(plain.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const gzipped = await get(script, { 'accept-encoding': 'gzip, br' });
    expect(gzipped.headers['content-encoding']).toBe('gzip');
    expect(gzipped.rawPayload.length).toBeLessThan(plain.rawPayload.length / 2);
    const again = await get(script, { 'if-none-match': String(plain.headers.etag) });
    expect(again.statusCode).toBe(304);
  });

  it('without a build, shows the landing page at / with the command that builds the console', async () => {
    const emptyDir = await mkdtemp(path.join(tmpdir(), 'cashloop-no-web-'));
    process.env.CASHLOOP_WEB_DIST = emptyDir;
    const bare = await buildServer({ database }).finally(() => delete process.env.CASHLOOP_WEB_DIST);
    try {
      await bare.ready();
      const root = await bare.inject({ method: 'GET', url: '/' });
      expect(root.statusCode).toBe(200);
      expect(root.body).toContain('npm run build:web');
      expect(root.body).toContain('/docs');
      expect((await bare.inject({ method: 'GET', url: '/portal/' })).body).toContain('npm run build:web');
      expect((await bare.inject({ method: 'GET', url: '/v1/tenant' })).statusCode).toBe(401);
    } finally {
      await bare.close();
      await rm(emptyDir, { recursive: true, force: true });
    }
  });
});
