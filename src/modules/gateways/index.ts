// The gateways module's public surface: other modules import from here only.
export * from './gateway.js';
export * from './autopay-retry.js';
export {
  createSandboxGateway,
  sandboxTestCards,
  tokenizeSandboxCard,
  signSandboxWebhook,
  sandboxSignatureHeader,
  sandboxChargeIdPrefix,
  type SandboxGateway,
  type SandboxGatewayOptions,
  type SandboxTestCard,
  type SandboxCardBehaviour,
  type SignedWebhook,
} from './sandbox.js';
export { createStripeGateway, stripeSignatureHeader, type StripeGatewayOptions } from './stripe.js';
export { gatewayConfigFromEnv, gatewayFromConfig, type GatewayConfig } from './select.js';
