/**
 * Message templates: built-in wording in English and German, which a tenant may replace per language. Placeholders
 * are {{name}}; an unknown placeholder is left visible rather than silently dropped.
 */
export const templateKinds = ['invoice', 'payment_receipt', 'dunning_reminder', 'dunning_final_notice'] as const;
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
  dunning_reminder: {
    en: {
      subject: '{{levelName}}: {{total}} open with {{companyName}}',
      body: 'Dear {{customerName}},\n\naccording to our records the following invoices are open:\n{{items}}\n\nTotal: {{total}}. If you have already paid, thank you, and please disregard this message. Otherwise please pay quoting each invoice\'s payment reference, or pay online: {{portalLink}}\n\nIf anything on these invoices is wrong, reply to this message so we can put it right.\n\nKind regards\n{{companyName}}',
    },
    de: {
      subject: '{{levelName}}: offene Posten über {{total}} bei {{companyName}}',
      body: 'Sehr geehrte Damen und Herren ({{customerName}}),\n\nnach unseren Unterlagen sind folgende Rechnungen offen:\n{{items}}\n\nSumme: {{total}}. Falls Sie bereits gezahlt haben, danken wir Ihnen und bitten Sie, dieses Schreiben als gegenstandslos zu betrachten. Andernfalls zahlen Sie bitte unter Angabe der jeweiligen Zahlungsreferenz oder online: {{portalLink}}\n\nSollte an diesen Rechnungen etwas nicht stimmen, antworten Sie bitte auf diese Nachricht.\n\nMit freundlichen Grüßen\n{{companyName}}',
    },
  },
  dunning_final_notice: {
    en: {
      subject: 'Final notice: {{total}} overdue with {{companyName}}',
      body: 'Dear {{customerName}},\n\ndespite our reminders the following invoices remain unpaid:\n{{items}}\n\nTotal: {{total}}. Please pay within 7 days: {{portalLink}}\nIf we do not receive payment, we will put your account on hold and may hand the matter to a collection agency.\n\nKind regards\n{{companyName}}',
    },
    de: {
      subject: 'Letzte Mahnung: {{total}} überfällig bei {{companyName}}',
      body: 'Sehr geehrte Damen und Herren ({{customerName}}),\n\ntrotz unserer Erinnerungen sind folgende Rechnungen weiterhin offen:\n{{items}}\n\nSumme: {{total}}. Bitte zahlen Sie innerhalb von 7 Tagen: {{portalLink}}\nGeht keine Zahlung ein, sperren wir Ihr Kundenkonto und übergeben die Forderung gegebenenfalls einem Inkassobüro.\n\nMit freundlichen Grüßen\n{{companyName}}',
    },
  },
};

export function renderTemplate(template: Template, values: Record<string, string>): Template {
  const fill = (text: string) => text.replace(/\{\{(\w+)\}\}/g, (whole, name: string) => values[name] ?? whole);
  return { subject: fill(template.subject), body: fill(template.body) };
}
