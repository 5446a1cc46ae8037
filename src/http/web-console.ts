/**
 * Serves the web app built by Vite (web/dist): the staff console at / and the customer portal at /portal/, each
 * with an SPA fallback (a path that is neither a file nor an API answers with the app's index.html, and the app's
 * router shows the screen). API prefixes never fall back: an unknown API path stays a problem+json 404.
 *
 * The build is small (a few hundred KB), so it is read into memory once at start, with an ETag and a gzip copy of
 * each text file; hashed assets are cached for a year, index.html is revalidated on every load. No static-file
 * plugin is needed for that, and a lookup in a map of known files cannot be tricked into reading outside web/dist.
 *
 * Without a build the API still works and / shows the landing page with the command that builds the console.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import type { FastifyReply, FastifyRequest, RouteOptions } from 'fastify';
import type { CashloopApp } from './conventions.js';
import { landingPage } from './landing-page.js';

/** Paths that belong to the API (or its docs) under the prefixes the apps are served at: never an app screen. */
export const apiPrefixes = ['/v1', '/auth', '/portal/v1', '/portal/sign-in-link', '/docs', '/openapi.json', '/health', '/gateway-webhooks'] as const;

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
  '.txt': 'text/plain; charset=utf-8',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.map': 'application/json',
};
const compressible = new Set(['.html', '.js', '.css', '.svg', '.json', '.txt', '.map']);
const compressFromBytes = 1024;
/** Files in web/dist beyond this are not the app (someone put a data file there): refuse to hold them in memory. */
const distBytesMax = 20 * 1024 * 1024;

/**
 * Only what Vite produces is allowed to run on these pages; API calls go to the same origin. React sets inline
 * styles through the DOM, which style-src does not restrict.
 */
const htmlSecurityHeaders = {
  'content-security-policy':
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'same-origin',
};

interface WebFile {
  body: Buffer;
  gzip: Buffer | undefined;
  contentType: string;
  etag: string;
  cacheControl: string;
}

export interface WebConsoleOptions {
  /** Where the Vite build is; defaults to CASHLOOP_WEB_DIST, else web/dist of this checkout. */
  distDir?: string;
}

export function defaultWebDistDir(): string {
  if (process.env.CASHLOOP_WEB_DIST) return path.resolve(process.env.CASHLOOP_WEB_DIST);
  // src/http (run with tsx) and dist/src/http (compiled) both find the checkout's web/dist.
  const candidates = [path.resolve(import.meta.dirname, '../../web/dist'), path.resolve(import.meta.dirname, '../../../web/dist')];
  return candidates.find((p) => existsSync(path.join(p, 'index.html'))) ?? (candidates[0] as string);
}

function loadDist(distDir: string): Map<string, WebFile> | undefined {
  if (!existsSync(path.join(distDir, 'index.html'))) return undefined;
  const files = new Map<string, WebFile>();
  let total = 0;
  const walk = (dir: string, urlPrefix: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      // Dot files are never part of the site.
      if (entry.name.startsWith('.')) continue;
      const full = path.join(dir, entry.name);
      const url = `${urlPrefix}/${entry.name}`;
      if (entry.isDirectory()) {
        walk(full, url);
        continue;
      }
      const extension = path.extname(entry.name).toLowerCase();
      const contentType = contentTypes[extension];
      if (!contentType) continue;
      total += statSync(full).size;
      if (total > distBytesMax) throw new Error(`${distDir} holds more than ${distBytesMax} bytes: is it a Vite build of web/?`);
      const body = readFileSync(full);
      files.set(url, {
        body,
        gzip: compressible.has(extension) && body.length >= compressFromBytes ? gzipSync(body, { level: 9 }) : undefined,
        contentType,
        etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"`,
        // Vite puts a content hash in every name under assets/: such a file never changes.
        cacheControl: url.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : extension === '.html' ? 'no-cache' : 'public, max-age=3600',
      });
    }
  };
  walk(distDir, '');
  return files;
}

function isApiPath(pathname: string): boolean {
  return apiPrefixes.some((prefix) => pathname === prefix || pathname.startsWith(`${prefix}/`) || pathname.startsWith(`${prefix}?`));
}

function send(request: FastifyRequest, reply: FastifyReply, file: WebFile) {
  void reply.header('etag', file.etag).header('cache-control', file.cacheControl).header('vary', 'accept-encoding').type(file.contentType);
  if (file.contentType.startsWith('text/html')) void reply.headers(htmlSecurityHeaders);
  if (request.headers['if-none-match'] === file.etag) return reply.status(304).send();
  const acceptsGzip = /\bgzip\b/.test(String(request.headers['accept-encoding'] ?? ''));
  if (file.gzip && acceptsGzip) return reply.header('content-encoding', 'gzip').send(file.gzip);
  return reply.send(file.body);
}

const hint = `<p style="background:#fdf3e1;padding:.6rem .8rem;border-radius:6px">The web console is not built yet: run
<code>npm run build:web</code> (or <code>npm start</code>, which builds it) and reload this page.</p>`;
export const landingPageWithHint = landingPage.replace('</body>', `${hint}\n</body>`);
const portalMissingPage = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Cashloop portal</title></head>
<body style="font-family:system-ui,sans-serif;max-width:40rem;margin:3rem auto">${hint}</body></html>`;

/**
 * The console at / and the portal at /portal/. Registers catch-all GET routes: every more specific route (all of
 * the API) still wins, and the handlers here pass API paths on to the not-found handler.
 */
export function registerWebConsole(app: CashloopApp, options: WebConsoleOptions = {}): void {
  const distDir = options.distDir ?? defaultWebDistDir();
  const files = loadDist(distDir);
  const consoleIndex = files?.get('/index.html');
  const portalIndex = files?.get('/portal/index.html');

  const serveConsole = async (request: FastifyRequest, reply: FastifyReply) => {
    const pathname = request.url.split('?')[0] ?? '/';
    if (isApiPath(pathname)) return reply.callNotFound();
    const file = files?.get(pathname);
    if (file) return send(request, reply, file);
    // A missing file (a name with an extension) is a 404, not the app: a stale script tag must fail loudly.
    if (path.extname(pathname)) return reply.callNotFound();
    if (!consoleIndex) return reply.header('cache-control', 'no-cache').type('text/html; charset=utf-8').send(landingPageWithHint);
    return send(request, reply, consoleIndex);
  };

  const servePortal = async (request: FastifyRequest, reply: FastifyReply) => {
    const pathname = request.url.split('?')[0] ?? '/portal/';
    if (isApiPath(pathname)) return reply.callNotFound();
    const file = files?.get(pathname);
    if (file) return send(request, reply, file);
    if (path.extname(pathname)) return reply.callNotFound();
    if (!portalIndex) return reply.header('cache-control', 'no-cache').type('text/html; charset=utf-8').send(portalMissingPage);
    return send(request, reply, portalIndex);
  };

  // src/main.ts registers the landing page at / after building the server: a GET / registered later by anyone
  // else serves the console (or, without a build, the landing page with the build hint) instead.
  app.addHook('onRoute', (route: RouteOptions) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    if (route.url === '/' && methods.some((m) => m === 'GET' || m === 'HEAD')) {
      route.handler = serveConsole as RouteOptions['handler'];
    }
  });

  // The wildcard also answers / itself (find-my-way matches an empty rest) when nobody registers GET /.
  app.get('/*', { schema: { hide: true } }, serveConsole);
  app.get('/portal', { schema: { hide: true } }, servePortal);
  app.get('/portal/*', { schema: { hide: true } }, servePortal);
}
