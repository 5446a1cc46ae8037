/**
 * Every operation can fail with an RFC 9457 problem: the document says so once, here, rather than in each route, so
 * generated clients type their errors.
 */
const problemSchema = {
  type: 'object',
  description: 'RFC 9457 problem details. `type` is stable per kind of error; validation errors list the fields in `errors`.',
  required: ['type', 'title', 'status'],
  properties: {
    type: { type: 'string', format: 'uri', examples: ['https://cashloop.dev/problems/validation-failed'] },
    title: { type: 'string' },
    status: { type: 'integer' },
    detail: { type: 'string' },
    instance: { type: 'string' },
    errors: {
      type: 'array',
      items: {
        type: 'object',
        required: ['pointer', 'detail'],
        properties: { pointer: { type: 'string', description: 'JSON pointer to the field at fault' }, detail: { type: 'string' } },
      },
    },
  },
  additionalProperties: true,
} as const;

const idempotencyKeyParameter = {
  name: 'Idempotency-Key',
  in: 'header',
  required: false,
  description: 'Makes the request safe to retry: a repeat with the same key and body replays the first response.',
  schema: { type: 'string', maxLength: 255 },
} as const;

type Operation = { responses?: Record<string, unknown>; parameters?: unknown[] };

export function addProblemResponses<T extends { paths?: Record<string, Record<string, unknown>>; components?: Record<string, unknown> }>(document: T): T {
  const components = (document.components ?? {}) as { schemas?: Record<string, unknown> };
  components.schemas = { ...components.schemas, Problem: problemSchema };
  document.components = components;
  for (const [, item] of Object.entries(document.paths ?? {})) {
    for (const [method, operation] of Object.entries(item)) {
      if (!['get', 'post', 'put', 'patch', 'delete'].includes(method)) continue;
      const op = operation as Operation;
      op.responses = {
        ...op.responses,
        default: { description: 'A problem (RFC 9457)', content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } },
      };
      if (method !== 'get') op.parameters = [...(op.parameters ?? []), idempotencyKeyParameter];
    }
  }
  return document;
}
