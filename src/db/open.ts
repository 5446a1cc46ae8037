import { mkdir } from 'node:fs/promises';
import type { Settings } from '../config.js';
import { migrateDatabase, openPglite, openPostgres, type DatabaseHandle } from './connection.js';

/** Opens the configured database (PostgreSQL server or embedded PGlite) and applies pending migrations. */
export async function openConfiguredDatabase(settings: Pick<Settings, 'databaseUrl' | 'dataDir'>): Promise<DatabaseHandle> {
  if (settings.databaseUrl) {
    const handle = await openPostgres(settings.databaseUrl);
    await migrateDatabase(handle, settings.databaseUrl);
    return handle;
  }
  await mkdir(settings.dataDir, { recursive: true });
  const handle = await openPglite({ dataDir: settings.dataDir });
  await migrateDatabase(handle);
  return handle;
}
