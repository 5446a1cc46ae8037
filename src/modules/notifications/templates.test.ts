import { describe, expect, it } from 'vitest';
import { builtInTemplates, renderTemplate } from './templates.js';

describe('message templates', () => {
  it('fills placeholders in English and German and leaves unknown ones visible', () => {
    const values = { number: 'INV-000007', companyName: 'Nordwind GmbH', customerName: 'Müller KG', issueDate: '2026-03-02', total: '119.00 EUR', dueDate: '2026-04-01', paymentReference: 'RF18 5390 0754 7034' };
    expect(renderTemplate(builtInTemplates.invoice.en, values).subject).toBe('Invoice INV-000007 from Nordwind GmbH');
    expect(renderTemplate(builtInTemplates.invoice.de, values).body).toContain('über 119.00 EUR, fällig am 2026-04-01');
    expect(renderTemplate({ subject: 'Hi {{nobody}}', body: '' }, values).subject).toBe('Hi {{nobody}}');
  });
});
