import { randomBytes } from 'node:crypto';
import { GatewayConfigurationError, type PaymentGateway } from './gateway.js';
import { createSandboxGateway } from './sandbox.js';
import { createStripeGateway } from './stripe.js';

/** Which gateway a Cashloop installation charges cards through, and its credentials. */
export type GatewayConfig =
  | { readonly kind: 'sandbox'; readonly webhookSecret: string }
  | { readonly kind: 'stripe'; readonly apiKey: string; readonly webhookSecret: string };

/**
 * Reads the gateway from the environment: Stripe when STRIPE_API_KEY and STRIPE_WEBHOOK_SECRET are both set, the
 * built-in sandbox when neither is. Exactly one of them set is refused: an installation meant for Stripe must never
 * fall back, unnoticed, to a sandbox that "collects" money that never arrives.
 * The sandbox signs its webhooks with CASHLOOP_SANDBOX_WEBHOOK_SECRET, or a random secret for this process.
 */
export function gatewayConfigFromEnv(env: NodeJS.ProcessEnv = process.env): GatewayConfig {
  const apiKey = env.STRIPE_API_KEY?.trim() || undefined;
  const webhookSecret = env.STRIPE_WEBHOOK_SECRET?.trim() || undefined;
  if (apiKey && webhookSecret) return { kind: 'stripe', apiKey, webhookSecret };
  if (apiKey || webhookSecret) {
    const missing = apiKey ? 'STRIPE_WEBHOOK_SECRET' : 'STRIPE_API_KEY';
    throw new GatewayConfigurationError(`Stripe is half configured: set ${missing} too, or unset both to use the sandbox`);
  }
  return { kind: 'sandbox', webhookSecret: env.CASHLOOP_SANDBOX_WEBHOOK_SECRET?.trim() || randomBytes(32).toString('hex') };
}

export function gatewayFromConfig(config: GatewayConfig): PaymentGateway {
  switch (config.kind) {
    case 'sandbox':
      return createSandboxGateway({ webhookSecret: config.webhookSecret });
    case 'stripe':
      return createStripeGateway({ apiKey: config.apiKey, webhookSecret: config.webhookSecret });
  }
}
