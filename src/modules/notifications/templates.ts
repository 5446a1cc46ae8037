/**
 * Message templates: built-in wording in English and German, which a tenant may replace per language. Placeholders
 * are {{name}}; an unknown placeholder is left visible rather than silently dropped.
 */
export const templateKinds = ['invoice', 'payment_receipt'] as const;
export type TemplateKind = (typeof templateKinds)[number];
export const languages = ['en', 'de'] as const;
export type Language = (typeof languages)[number];

export interface Template {
  subject: string;
  body: string;
}

export const builtInTemplates: Record<TemplateKind, Record<Language, Template>> = {
  invoice: {
    en: {
      subject: 'Invoice {{number}} from {{companyName}}',
      body: 'Dear {{customerName}},\n\nplease find attached invoice {{number}} of {{issueDate}} for {{total}}, due on {{dueDate}}.\n\nPlease quote the payment reference {{paymentReference}} with your payment.\n\nKind regards\n{{companyName}}',
    },
    de: {
      subject: 'Rechnung {{number}} von {{companyName}}',
      body: 'Sehr geehrte Damen und Herren ({{customerName}}),\n\nanbei erhalten Sie die Rechnung {{number}} vom {{issueDate}} über {{total}}, fällig am {{dueDate}}.\n\nBitte geben Sie bei der Zahlung die Referenz {{paymentReference}} an.\n\nMit freundlichen Grüßen\n{{companyName}}',
    },
  },
  payment_receipt: {
    en: {
      subject: 'Payment received: thank you, {{customerName}}',
      body: 'Dear {{customerName}},\n\nwe received your payment of {{amount}} on {{valueDate}} (reference {{reference}}) and applied it to:\n{{allocations}}\n{{unapplied}}\nThank you.\n\nKind regards\n{{companyName}}',
    },
    de: {
      subject: 'Zahlungseingang: vielen Dank, {{customerName}}',
      body: 'Sehr geehrte Damen und Herren ({{customerName}}),\n\nwir haben Ihre Zahlung über {{amount}} vom {{valueDate}} (Referenz {{reference}}) erhalten und verbucht auf:\n{{allocations}}\n{{unapplied}}\nVielen Dank.\n\nMit freundlichen Grüßen\n{{companyName}}',
    },
  },
};

export function renderTemplate(template: Template, values: Record<string, string>): Template {
  const fill = (text: string) => text.replace(/\{\{(\w+)\}\}/g, (whole, name: string) => values[name] ?? whole);
  return { subject: fill(template.subject), body: fill(template.body) };
}
