CREATE TABLE "business_calendars" (
	"tenant_id" uuid PRIMARY KEY NOT NULL,
	"roll" text NOT NULL,
	"weekend" jsonb NOT NULL,
	"holidays" jsonb NOT NULL,
	CONSTRAINT "business_calendars_roll_check" CHECK ("business_calendars"."roll" in ('none', 'following', 'preceding', 'modified_following'))
);
--> statement-breakpoint
CREATE TABLE "payment_terms" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"name" text NOT NULL,
	"definition" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "payment_terms_tenant_name_key" UNIQUE("tenant_id","name")
);
--> statement-breakpoint
ALTER TABLE "invoices" DROP CONSTRAINT "invoices_kind_check";--> statement-breakpoint
ALTER TABLE "invoices" DROP CONSTRAINT "invoices_status_check";--> statement-breakpoint
ALTER TABLE "customers" ADD COLUMN "payment_terms_id" uuid;--> statement-breakpoint
ALTER TABLE "invoices" ADD COLUMN "payment_terms" jsonb;--> statement-breakpoint
ALTER TABLE "invoices" ADD COLUMN "discount_minor" bigint;--> statement-breakpoint
ALTER TABLE "invoices" ADD COLUMN "discount_deadline" date;--> statement-breakpoint
ALTER TABLE "invoices" ADD COLUMN "instalments" jsonb;--> statement-breakpoint
ALTER TABLE "invoices" ADD COLUMN "creditor_reference" text;--> statement-breakpoint
ALTER TABLE "invoices" ADD COLUMN "write_off_reason" text;--> statement-breakpoint
ALTER TABLE "business_calendars" ADD CONSTRAINT "business_calendars_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payment_terms" ADD CONSTRAINT "payment_terms_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "invoices_creditor_reference_idx" ON "invoices" USING btree ("tenant_id","creditor_reference");--> statement-breakpoint
ALTER TABLE "invoices" ADD CONSTRAINT "invoices_kind_check" CHECK ("invoices"."kind" in ('invoice', 'credit_note', 'write_off'));--> statement-breakpoint
ALTER TABLE "invoices" ADD CONSTRAINT "invoices_status_check" CHECK ("invoices"."status" in ('draft', 'open', 'partially_paid', 'paid', 'void', 'applied', 'written_off'));