// Writes the OpenAPI document and the typed client's schema into packages/client (npm run client:generate).
// A test checks that both are up to date with the routes, so the client never drifts from the server.
import { writeFile } from 'node:fs/promises';
import { openApiArtifacts } from '../packages/client/generate.js';

const { document, types } = await openApiArtifacts();
await writeFile(new URL('../packages/client/openapi.json', import.meta.url), document);
await writeFile(new URL('../packages/client/src/schema.ts', import.meta.url), types);
process.stdout.write('wrote packages/client/openapi.json and packages/client/src/schema.ts\n');
