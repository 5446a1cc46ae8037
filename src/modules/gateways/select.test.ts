import { describe, expect, it } from 'vitest';
import { GatewayConfigurationError } from './gateway.js';
import { gatewayConfigFromEnv, gatewayFromConfig } from './select.js';

describe('gatewayConfigFromEnv', () => {
  it('chooses Stripe when both the API key and the webhook secret are set', () => {
    expect(gatewayConfigFromEnv({ STRIPE_API_KEY: 'sk_live_abc', STRIPE_WEBHOOK_SECRET: 'whsec_abc' })).toEqual({
      kind: 'stripe',
      apiKey: 'sk_live_abc',
      webhookSecret: 'whsec_abc',
    });
  });

  it('chooses the sandbox when neither is set, with the configured or a random webhook secret', () => {
    expect(gatewayConfigFromEnv({ CASHLOOP_SANDBOX_WEBHOOK_SECRET: 'local-secret' })).toEqual({ kind: 'sandbox', webhookSecret: 'local-secret' });
    const first = gatewayConfigFromEnv({});
    const second = gatewayConfigFromEnv({ STRIPE_API_KEY: '  ' });
    expect(first).toMatchObject({ kind: 'sandbox', webhookSecret: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(second.kind).toBe('sandbox');
    expect(second.webhookSecret).not.toBe(first.webhookSecret);
  });

  it('refuses a half-configured Stripe instead of silently using the sandbox', () => {
    expect(() => gatewayConfigFromEnv({ STRIPE_API_KEY: 'sk_live_abc' })).toThrow(/STRIPE_WEBHOOK_SECRET/);
    expect(() => gatewayConfigFromEnv({ STRIPE_WEBHOOK_SECRET: 'whsec_abc' })).toThrow(GatewayConfigurationError);
  });
});

describe('gatewayFromConfig', () => {
  it('builds the sandbox gateway', async () => {
    const gateway = gatewayFromConfig({ kind: 'sandbox', webhookSecret: 'local-secret' });
    expect(gateway).toMatchObject({ name: 'sandbox', isSandbox: true });
    const outcome = await gateway.charge({
      amountMinor: 100n,
      currency: 'EUR',
      paymentMethodToken: 'tok_sandbox_visa',
      gatewayCustomerId: null,
      idempotencyKey: 'k1',
      description: 'test',
      metadata: {},
    });
    expect(outcome.status).toBe('succeeded');
  });

  it('builds the Stripe gateway, flagged as a sandbox only for a test-mode key', () => {
    expect(gatewayFromConfig({ kind: 'stripe', apiKey: 'sk_live_abc', webhookSecret: 'whsec_abc' })).toMatchObject({ name: 'stripe', isSandbox: false });
    expect(gatewayFromConfig({ kind: 'stripe', apiKey: 'sk_test_abc', webhookSecret: 'whsec_abc' })).toMatchObject({ name: 'stripe', isSandbox: true });
  });
});
