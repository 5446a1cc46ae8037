CREATE TABLE "invoicing_settings" (
	"tenant_id" uuid PRIMARY KEY NOT NULL,
	"tax_rounding" text DEFAULT 'line' NOT NULL,
	"prices_include_tax" boolean DEFAULT false NOT NULL,
	CONSTRAINT "invoicing_settings_rounding_check" CHECK ("invoicing_settings"."tax_rounding" in ('line', 'invoice'))
);
--> statement-breakpoint
ALTER TABLE "invoices" ADD COLUMN "prices_include_tax" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "invoicing_settings" ADD CONSTRAINT "invoicing_settings_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;