import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type ApiClient, type TestServer, type TestTenant } from './support/api.js';

// A 1×1 PNG and a 1×1 GIF (GIF is not accepted on documents).
const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
const gif = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');

let server: TestServer;
let company: TestTenant;

beforeAll(async () => {
  server = await startTestServer();
  company = await server.createTenant({ name: 'Logo GmbH' });
});
afterAll(async () => server?.close());

function upload(client: ApiClient, bytes: Buffer, contentType: string) {
  return fetch(`${client.baseUrl}/v1/tenant/logo`, { method: 'PUT', headers: { authorization: `Bearer ${client.key}`, 'content-type': contentType }, body: new Uint8Array(bytes) });
}

/** PDF documents embed a raster logo as an image XObject. */
const hasImage = (pdf: string) => /\/Subtype\s*\/Image/.test(pdf);

describe('the company logo on documents', () => {
  it('prints the logo an admin uploads on invoice PDFs, and stops when it is removed', async () => {
    const api = company.as('ar_manager');
    const customer = await api.ok('POST', '/v1/customers', { name: 'Kunde AG', currency: 'EUR' });
    const draft = await api.ok('POST', '/v1/invoices', { customerId: customer.id, lines: [{ description: 'Service', quantity: '1', unitPriceMinor: 10_000, taxRatePercent: '19' }] });
    const invoice = await api.ok('POST', `/v1/invoices/${draft.id}/issue`, { issueDate: '2026-03-02' });

    const before = await api.get(`/v1/invoices/${invoice.id}/pdf`);
    expect(before.status).toBe(200);
    expect(hasImage(before.body as string)).toBe(false);

    expect((await upload(company.as('ar_manager'), png, 'image/png')).status).toBe(403);
    const refused = await upload(company.admin, gif, 'image/png');
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as { detail: string }).detail).toContain('PNG or JPEG');
    const saved = await upload(company.admin, png, 'image/png');
    expect(saved.status).toBe(200);
    expect(await saved.json()).toEqual({ mediaType: 'image/png', bytes: png.length });
    const stored = await fetch(`${company.admin.baseUrl}/v1/tenant/logo`, { headers: { authorization: `Bearer ${company.admin.key}` } });
    expect(stored.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await stored.arrayBuffer()).equals(png)).toBe(true);

    const after = await api.get(`/v1/invoices/${invoice.id}/pdf`);
    expect(after.status).toBe(200);
    expect(hasImage(after.body as string)).toBe(true);

    expect((await company.admin.delete('/v1/tenant/logo')).body).toEqual({ removed: true });
    expect((await company.admin.get('/v1/tenant/logo')).status).toBe(404);
    expect(hasImage((await api.get(`/v1/invoices/${invoice.id}/pdf`)).body as string)).toBe(false);
  });
});
