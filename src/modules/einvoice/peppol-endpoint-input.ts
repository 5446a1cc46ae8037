import { z } from 'zod';
import { peppolEasCodes, peppolEndpointFaults, peppolEndpointIdLengthMax } from './peppol-endpoint.js';

/** A Peppol participant id in a request body: an EAS scheme code and the id, checked as Peppol checks it. */
export const peppolEndpointInput = z
  .strictObject({
    scheme: z.enum(peppolEasCodes).describe('EAS code from the Peppol list, e.g. 0088 (GLN), 0204 (German Leitweg-ID), 9930 (German VAT number)'),
    id: z.string().trim().min(1).max(peppolEndpointIdLengthMax).describe('The participant id within the scheme, e.g. 4000001123452 for 0088'),
  })
  .superRefine((endpoint, context) => {
    for (const fault of peppolEndpointFaults(endpoint)) context.addIssue({ code: 'custom', path: ['id'], message: fault });
  })
  .describe('Peppol participant id (electronic address on e-invoices); when null, derived from the VAT id where the country has a Peppol VAT scheme');

export const peppolEndpointView = z.object({ scheme: z.string(), id: z.string() }).nullable();

/** The two columns of a row as the API shows them. */
export const toPeppolEndpointView = (row: { peppolEndpointScheme: string | null; peppolEndpointId: string | null }) =>
  row.peppolEndpointScheme && row.peppolEndpointId ? { scheme: row.peppolEndpointScheme, id: row.peppolEndpointId } : null;

/** The columns a request's endpoint sets: undefined leaves them, null clears both. */
export function peppolEndpointColumns(endpoint: { scheme: string; id: string } | null | undefined) {
  if (endpoint === undefined) return {};
  return { peppolEndpointScheme: endpoint?.scheme ?? null, peppolEndpointId: endpoint?.id ?? null };
}
