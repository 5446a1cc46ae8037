import createClient, { type Client, type Middleware } from 'openapi-fetch';
import type { components, paths } from './schema.js';

export type { components, paths };
export type Problem = components['schemas']['Problem'];
export type CashloopClient = Client<paths>;

export interface ClientOptions {
  /** e.g. http://localhost:3000 */
  baseUrl: string;
  /** A Cashloop API key (Authorization: Bearer). */
  apiKey: string;
  fetch?: typeof fetch;
}

/**
 * A typed client for the Cashloop API: paths, parameters, bodies and responses come from the OpenAPI document.
 * Pass `headers: { 'Idempotency-Key': ... }` on a mutation to make it safe to retry.
 *
 *   const cashloop = createCashloopClient({ baseUrl, apiKey });
 *   const { data, error } = await cashloop.GET('/v1/invoices/{id}', { params: { path: { id } } });
 */
export function createCashloopClient(options: ClientOptions): CashloopClient {
  const client = createClient<paths>({ baseUrl: options.baseUrl, ...(options.fetch ? { fetch: options.fetch } : {}) });
  const auth: Middleware = {
    onRequest({ request }) {
      request.headers.set('authorization', `Bearer ${options.apiKey}`);
      return request;
    },
  };
  client.use(auth);
  return client;
}
