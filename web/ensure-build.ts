/**
 * Builds the web console into web/dist when it is missing or older than its sources, so `npm start` on a fresh clone
 * serves the console. Also used by the browser tests. Several callers at once (parallel test files) build once: the
 * first takes a lock directory, the others wait for it and find the build fresh.
 */
import { mkdir, readdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const webDir = path.dirname(fileURLToPath(import.meta.url));
export const webDistDir = path.join(webDir, 'dist');
/** Vite writes it last-but-not-least on every build and empties dist/ first: its time is the build's time. */
const builtMarker = path.join(webDistDir, 'index.html');
const lockDir = path.join(webDir, '..', 'node_modules', '.cache', 'cashloop-web-build.lock');
const lockWaitMsMax = 180_000;
const staleLockMs = 300_000;
const sources = ['src', 'public', 'index.html', 'portal/index.html', 'vite.config.ts'];

async function newestMtimeMs(file: string): Promise<number> {
  const info = await stat(file).catch(() => undefined);
  if (!info) return 0;
  if (!info.isDirectory()) return info.mtimeMs;
  let newest = info.mtimeMs;
  for (const entry of await readdir(file)) newest = Math.max(newest, await newestMtimeMs(path.join(file, entry)));
  return newest;
}

/** Why the build must run, or undefined when web/dist is up to date. */
export async function whyWebBuildIsNeeded(): Promise<string | undefined> {
  const built = await stat(builtMarker).catch(() => undefined);
  if (!built) return 'web/dist is missing';
  let newest = 0;
  for (const source of sources) newest = Math.max(newest, await newestMtimeMs(path.join(webDir, source)));
  return newest > built.mtimeMs ? 'web/dist is older than web/src' : undefined;
}

export async function buildWeb(): Promise<void> {
  const { build } = await import('vite');
  await build({ configFile: path.join(webDir, 'vite.config.ts'), logLevel: 'warn' });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function takeLock(): Promise<void> {
  await mkdir(path.dirname(lockDir), { recursive: true });
  const started = Date.now();
  for (;;) {
    try {
      await mkdir(lockDir);
      return;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const held = await stat(lockDir).catch(() => undefined);
      // A build that crashed leaves its lock behind: after a generous time it is someone else's turn.
      if (held && Date.now() - held.mtimeMs > staleLockMs) await rm(lockDir, { recursive: true, force: true });
      if (Date.now() - started > lockWaitMsMax) throw new Error(`waited ${lockWaitMsMax} ms for another web build (${lockDir})`, { cause: error });
      await sleep(250);
    }
  }
}

/** Builds web/dist if needed; returns what was done. */
export async function ensureWebBuild(log: (message: string) => void = () => {}): Promise<'fresh' | 'built'> {
  if (!(await whyWebBuildIsNeeded())) return 'fresh';
  await takeLock();
  try {
    const reason = await whyWebBuildIsNeeded();
    if (!reason) return 'fresh';
    log(`building the web console (${reason}) ...`);
    const started = Date.now();
    await buildWeb();
    log(`web console built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    return 'built';
  } finally {
    await rm(lockDir, { recursive: true, force: true });
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    await ensureWebBuild((message) => process.stdout.write(`${message}\n`));
  } catch (error) {
    // Without the dev dependencies (vite) the server still runs: the API, and a page at / saying how to build.
    process.stderr.write(`the web console could not be built: ${(error as Error).message}\nrun \`npm install && npm run build:web\`; the API works without it\n`);
  }
}
