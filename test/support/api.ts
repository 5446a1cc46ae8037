import type { AddressInfo } from 'node:net';
import { expect } from 'vitest';
import type { DatabaseHandle } from '../../src/db/connection.js';
import { buildServer } from '../../src/http/server.js';
import type { CashloopApp } from '../../src/http/conventions.js';
import type { Role } from '../../src/modules/identity/roles.js';
import { createApiKey, type TenantRow } from '../../src/modules/identity/service.js';
import { openTenant } from '../../src/tenancy.js';
import { openTestDatabase } from './database.js';
import { createCashloopClient, type CashloopClient } from '../../packages/client/src/index.js';

export interface ApiResponse<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

/** A client for one API key, over real HTTP. */
export class ApiClient {
  constructor(
    readonly baseUrl: string,
    readonly key: string | undefined,
  ) {}

  async call<T = any>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<ApiResponse<T>> {
    const init: RequestInit = {
      method,
      headers: {
        ...(this.key ? { authorization: `Bearer ${this.key}` } : {}),
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...headers,
      },
      ...(body !== undefined ? { body: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
    };
    const response = await fetch(this.baseUrl + path, init);
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      /* not JSON: keep the text */
    }
    return { status: response.status, body: parsed as T, headers: response.headers };
  }

  get<T = any>(path: string) {
    return this.call<T>('GET', path);
  }
  post<T = any>(path: string, body?: unknown, headers?: Record<string, string>) {
    return this.call<T>('POST', path, body ?? {}, headers);
  }
  patch<T = any>(path: string, body: unknown) {
    return this.call<T>('PATCH', path, body);
  }
  delete<T = any>(path: string) {
    return this.call<T>('DELETE', path);
  }

  /** POST that must succeed; returns the body. */
  async ok<T = any>(method: 'POST' | 'PATCH' | 'PUT' | 'GET', path: string, body?: unknown): Promise<T> {
    const response = await this.call<T>(method, path, method === 'GET' ? undefined : body ?? {});
    if (response.status >= 300) throw new Error(`${method} ${path} → ${response.status} ${JSON.stringify(response.body)}`);
    return response.body;
  }
}

export interface TestTenant {
  tenant: TenantRow;
  keys: Record<Role, string>;
  as(role: Role): ApiClient;
  admin: ApiClient;
  /** The published typed client (packages/client) for a role. */
  typed(role: Role): CashloopClient;
}

export interface TestServer {
  database: DatabaseHandle;
  app: CashloopApp;
  baseUrl: string;
  anonymous: ApiClient;
  createTenant(input?: Partial<{ name: string; baseCurrency: string; timeZone: string }>): Promise<TestTenant>;
  close(): Promise<void>;
}

/** A server on a random port over a database of this test file's own. */
export async function startTestServer(): Promise<TestServer> {
  const database = await openTestDatabase();
  const app = await buildServer({ database });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as AddressInfo;
  const baseUrl = `http://127.0.0.1:${port}`;
  return {
    database,
    app,
    baseUrl,
    anonymous: new ApiClient(baseUrl, undefined),
    async createTenant(input = {}) {
      const tenant = await openTenant(database.db, {
        name: input.name ?? 'Test Company',
        baseCurrency: input.baseCurrency ?? 'EUR',
        timeZone: input.timeZone ?? 'Europe/Berlin',
      });
      const keys = {} as Record<Role, string>;
      for (const role of ['admin', 'ar_manager', 'collector', 'viewer'] as const) {
        keys[role] = (await createApiKey(database.db, { tenantId: tenant.id, role: 'admin', label: 'test' }, { role, name: role })).key;
      }
      const as = (role: Role) => new ApiClient(baseUrl, keys[role]);
      const typed = (role: Role) => createCashloopClient({ baseUrl, apiKey: keys[role] });
      return { tenant, keys, as, admin: as('admin'), typed };
    },
    async close() {
      await app.close();
      await database.close();
    },
  };
}

/**
 * The invariants, after every scenario: the trial balance balances per currency, and the AR and unapplied-cash
 * control accounts equal the open items per customer (today and on any date given).
 */
export async function expectBooksAgree(client: ApiClient, asOfDates: string[] = ['2099-12-31']): Promise<void> {
  for (const asOf of asOfDates) {
    const tb = await client.get(`/v1/ledger/trial-balance?asOf=${asOf}`);
    expect(tb.status).toBe(200);
    expect(tb.body.balanced).toBe(true);
    for (const t of tb.body.totals) expect(t.debitMinor).toBe(t.creditMinor);
    const reconciliation = await client.get(`/v1/ledger/reconciliation?asOf=${asOf}`);
    expect(reconciliation.status).toBe(200);
    expect(reconciliation.body.differences).toEqual([]);
  }
}
