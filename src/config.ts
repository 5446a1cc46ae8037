import path from 'node:path';

/** Settings from the environment, read once at start. */
export interface Settings {
  /** A PostgreSQL server; when absent the embedded PGlite is used. */
  databaseUrl: string | undefined;
  dataDir: string;
  port: number;
  host: string;
  bootstrapKey: string | undefined;
  logLevel: string;
}

export function readSettings(env: NodeJS.ProcessEnv = process.env): Settings {
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be a port number, not ${env.PORT}`);
  return {
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: path.resolve(env.CASHLOOP_DATA_DIR || './data'),
    port,
    host: env.HOST || '127.0.0.1',
    bootstrapKey: env.CASHLOOP_BOOTSTRAP_KEY || undefined,
    logLevel: env.LOG_LEVEL || 'info',
  };
}
