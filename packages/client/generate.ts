import openapiTS, { astToString } from 'openapi-typescript';
import type { DatabaseHandle } from '../../src/db/connection.js';
import { buildServer } from '../../src/http/server.js';

/** The OpenAPI document of the server's routes and the TypeScript types generated from it. */
export async function openApiArtifacts(): Promise<{ document: string; types: string }> {
  // Building the routes needs no database: nothing is queried to describe them.
  const unused = { db: undefined as never, kind: 'pglite', description: 'none', close: async () => undefined } satisfies DatabaseHandle;
  const app = await buildServer({ database: unused });
  await app.ready();
  const spec = app.swagger();
  await app.close();
  const document = `${JSON.stringify(spec, null, 2)}\n`;
  const ast = await openapiTS(JSON.parse(document) as never);
  const types = `// Generated from openapi.json by npm run client:generate. Do not edit.\n${astToString(ast)}`;
  return { document, types };
}
