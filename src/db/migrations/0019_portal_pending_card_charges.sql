CREATE TABLE "portal_card_charges" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"customer_id" uuid NOT NULL,
	"gateway" text NOT NULL,
	"charge_id" text NOT NULL,
	"amount_minor" bigint NOT NULL,
	"currency" text NOT NULL,
	"invoice_ids" jsonb NOT NULL,
	"requested_on" date NOT NULL,
	"status" text NOT NULL,
	"payment_id" uuid,
	"decline_code" text,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone,
	CONSTRAINT "portal_card_charges_charge_key" UNIQUE("tenant_id","gateway","charge_id"),
	CONSTRAINT "portal_card_charges_status_check" CHECK ("portal_card_charges"."status" in ('pending', 'succeeded', 'failed')),
	CONSTRAINT "portal_card_charges_amount_check" CHECK ("portal_card_charges"."amount_minor" > 0)
);
--> statement-breakpoint
ALTER TABLE "portal_card_charges" ADD CONSTRAINT "portal_card_charges_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "portal_card_charges" ADD CONSTRAINT "portal_card_charges_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "portal_card_charges" ADD CONSTRAINT "portal_card_charges_payment_id_payments_id_fk" FOREIGN KEY ("payment_id") REFERENCES "public"."payments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "portal_card_charges_customer_idx" ON "portal_card_charges" USING btree ("tenant_id","customer_id","status");