import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = (file: string) => fileURLToPath(new URL(file, import.meta.url));
/** Where `npm run dev:web` sends API calls: a Cashloop server started with `npm start`. */
const apiServer = process.env.CASHLOOP_API_URL ?? 'http://127.0.0.1:3000';
const apiPaths = ['/v1', '/auth', '/portal/v1', '/portal/sign-in-link', '/docs', '/openapi.json', '/health'];

/**
 * Two pages: the staff console at / and the customer portal at /portal/, sharing one small library (src/shared) so a
 * customer never downloads the console's code. The server serves web/dist and falls back to each page's index.html.
 */
export default defineConfig({
  root: here('.'),
  base: '/',
  plugins: [react()],
  build: {
    outDir: here('dist'),
    emptyOutDir: true,
    target: 'es2022',
    reportCompressedSize: false,
    rolldownOptions: { input: { console: here('index.html'), portal: here('portal/index.html') } },
  },
  server: {
    proxy: {
      ...Object.fromEntries(apiPaths.map((p) => [p, apiServer])),
      // The sign-in link page is GET /portal/sign-in (the portal); only the POST that exchanges the token is API.
      '/portal/sign-in': { target: apiServer, bypass: (request) => (request.method === 'GET' ? '/portal/index.html' : undefined) },
    },
  },
});
