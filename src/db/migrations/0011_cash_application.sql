CREATE TABLE "bank_statements" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"format" text NOT NULL,
	"account_identifier" text NOT NULL,
	"statement_key" text NOT NULL,
	"sequence_number" text,
	"currency" text,
	"file_sha256" text NOT NULL,
	"file_name" text,
	"line_count" integer NOT NULL,
	"balances" jsonb NOT NULL,
	"imported_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "bank_statements_key" UNIQUE("tenant_id","account_identifier","format","statement_key")
);
--> statement-breakpoint
CREATE TABLE "cash_application_settings" (
	"tenant_id" uuid PRIMARY KEY NOT NULL,
	"settings" jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "known_payers" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"customer_id" uuid NOT NULL,
	"iban" text,
	"payer_name" text,
	"source" text NOT NULL,
	"payment_count" integer DEFAULT 0 NOT NULL,
	"largest_payment_minor" bigint DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "known_payers_account_key" UNIQUE NULLS NOT DISTINCT("tenant_id","customer_id","iban","payer_name")
);
--> statement-breakpoint
CREATE TABLE "statement_lines" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"statement_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"location" text NOT NULL,
	"booking_date" date,
	"value_date" date NOT NULL,
	"amount_minor" bigint NOT NULL,
	"currency" text NOT NULL,
	"bank_reference" text,
	"customer_reference" text,
	"structured_reference" text,
	"remittance_text" text NOT NULL,
	"payer_name" text,
	"payer_iban" text,
	"transaction_code" text,
	"reversal" boolean NOT NULL,
	"fingerprint" text NOT NULL,
	"status" text NOT NULL,
	"customer_id" uuid,
	"payment_id" uuid,
	"rule" text,
	"confidence_basis_points" integer,
	"explanation" text,
	"proposal" jsonb,
	"alternatives" jsonb,
	"reasons" jsonb,
	"suspicions" jsonb,
	"decided_by" text,
	"decided_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "statement_lines_fingerprint_key" UNIQUE("tenant_id","fingerprint"),
	CONSTRAINT "statement_lines_status_check" CHECK ("statement_lines"."status" in ('new', 'applied', 'exception', 'ignored', 'rejected'))
);
--> statement-breakpoint
ALTER TABLE "invoices" DROP CONSTRAINT "invoices_kind_check";--> statement-breakpoint
ALTER TABLE "bank_statements" ADD CONSTRAINT "bank_statements_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cash_application_settings" ADD CONSTRAINT "cash_application_settings_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "known_payers" ADD CONSTRAINT "known_payers_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "known_payers" ADD CONSTRAINT "known_payers_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "statement_lines" ADD CONSTRAINT "statement_lines_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "statement_lines" ADD CONSTRAINT "statement_lines_statement_id_bank_statements_id_fk" FOREIGN KEY ("statement_id") REFERENCES "public"."bank_statements"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "statement_lines" ADD CONSTRAINT "statement_lines_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "statement_lines" ADD CONSTRAINT "statement_lines_payment_id_payments_id_fk" FOREIGN KEY ("payment_id") REFERENCES "public"."payments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "known_payers_iban_idx" ON "known_payers" USING btree ("tenant_id","iban");--> statement-breakpoint
CREATE INDEX "statement_lines_status_idx" ON "statement_lines" USING btree ("tenant_id","status","value_date");--> statement-breakpoint
CREATE INDEX "statement_lines_statement_idx" ON "statement_lines" USING btree ("tenant_id","statement_id","position");--> statement-breakpoint
ALTER TABLE "invoices" ADD CONSTRAINT "invoices_kind_check" CHECK ("invoices"."kind" in ('invoice', 'credit_note', 'write_off', 'adjustment'));--> statement-breakpoint
-- Tenants created before bank charges had an account of their own get it (short payments within tolerance post there).
INSERT INTO "accounts" ("id", "tenant_id", "code", "name", "type", "purpose")
SELECT gen_random_uuid(), t."id", '6200', 'Bank charges', 'expense', 'bank_charges' FROM "tenants" t
WHERE NOT EXISTS (SELECT 1 FROM "accounts" a WHERE a."tenant_id" = t."id" AND a."purpose" = 'bank_charges');
