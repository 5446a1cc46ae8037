ALTER TABLE "invoice_lines" ADD COLUMN "tax_category" text;--> statement-breakpoint
ALTER TABLE "invoice_lines" ADD COLUMN "tax_exemption_reason" text;--> statement-breakpoint
ALTER TABLE "invoice_lines" ADD CONSTRAINT "invoice_lines_tax_category_check" CHECK ("invoice_lines"."tax_category" is null or "invoice_lines"."tax_category" in ('S', 'Z', 'E', 'AE', 'G'));