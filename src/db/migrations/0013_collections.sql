CREATE TABLE "collection_activities" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"customer_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"occurred_on" date NOT NULL,
	"actor" text NOT NULL,
	"summary" text NOT NULL,
	"details" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "collection_activities_kind_check" CHECK ("collection_activities"."kind" in ('call', 'email', 'note', 'letter', 'dunning', 'promise', 'promise_kept', 'promise_broken', 'dispute', 'escalation'))
);
--> statement-breakpoint
CREATE TABLE "customer_collection_settings" (
	"tenant_id" uuid NOT NULL,
	"customer_id" uuid NOT NULL,
	"policy_id" uuid,
	"do_not_dun" boolean DEFAULT false NOT NULL,
	"pilot" boolean DEFAULT false NOT NULL,
	"collector" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "customer_collection_settings_tenant_id_customer_id_pk" PRIMARY KEY("tenant_id","customer_id")
);
--> statement-breakpoint
CREATE TABLE "disputes" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"customer_id" uuid NOT NULL,
	"invoice_id" uuid NOT NULL,
	"amount_minor" bigint NOT NULL,
	"currency" text NOT NULL,
	"reason" text NOT NULL,
	"description" text NOT NULL,
	"status" text NOT NULL,
	"owner" text,
	"opened_on" date NOT NULL,
	"resolve_by" date NOT NULL,
	"resolved_on" date,
	"resolution" text,
	"resolved_by_document_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "disputes_amount_check" CHECK ("disputes"."amount_minor" > 0),
	CONSTRAINT "disputes_reason_check" CHECK ("disputes"."reason" in ('pricing', 'quantity', 'quality', 'not_received', 'duplicate_billing', 'other')),
	CONSTRAINT "disputes_status_check" CHECK ("disputes"."status" in ('open', 'resolved_credit_note', 'resolved_write_off', 'rejected'))
);
--> statement-breakpoint
CREATE TABLE "dunning_item_levels" (
	"tenant_id" uuid NOT NULL,
	"invoice_id" uuid NOT NULL,
	"level" integer NOT NULL,
	"pilot" boolean DEFAULT false NOT NULL,
	"notice_id" uuid NOT NULL,
	"as_of" date NOT NULL,
	CONSTRAINT "dunning_item_levels_tenant_id_invoice_id_pilot_level_pk" PRIMARY KEY("tenant_id","invoice_id","pilot","level")
);
--> statement-breakpoint
CREATE TABLE "dunning_notices" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"customer_id" uuid NOT NULL,
	"as_of" date NOT NULL,
	"policy_id" uuid NOT NULL,
	"level" integer NOT NULL,
	"level_name" text NOT NULL,
	"channel" text NOT NULL,
	"status" text NOT NULL,
	"lines" jsonb NOT NULL,
	"totals" jsonb NOT NULL,
	"escalations" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "dunning_notices_day_key" UNIQUE("tenant_id","customer_id","as_of"),
	CONSTRAINT "dunning_notices_status_check" CHECK ("dunning_notices"."status" in ('queued', 'letter', 'webhook', 'pilot'))
);
--> statement-breakpoint
CREATE TABLE "dunning_policies" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"name" text NOT NULL,
	"definition" jsonb NOT NULL,
	"is_default" boolean DEFAULT false NOT NULL,
	"segment" text,
	"pilot" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "promises_to_pay" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"customer_id" uuid NOT NULL,
	"amount_minor" bigint NOT NULL,
	"currency" text NOT NULL,
	"promised_on" date NOT NULL,
	"made_on" date NOT NULL,
	"invoice_ids" jsonb NOT NULL,
	"status" text NOT NULL,
	"paid_minor" bigint,
	"checked_on" date,
	"made_by" text NOT NULL,
	"note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "promises_amount_check" CHECK ("promises_to_pay"."amount_minor" > 0),
	CONSTRAINT "promises_status_check" CHECK ("promises_to_pay"."status" in ('open', 'kept', 'broken'))
);
--> statement-breakpoint
ALTER TABLE "collection_activities" ADD CONSTRAINT "collection_activities_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "collection_activities" ADD CONSTRAINT "collection_activities_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customer_collection_settings" ADD CONSTRAINT "customer_collection_settings_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customer_collection_settings" ADD CONSTRAINT "customer_collection_settings_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customer_collection_settings" ADD CONSTRAINT "customer_collection_settings_policy_id_dunning_policies_id_fk" FOREIGN KEY ("policy_id") REFERENCES "public"."dunning_policies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "disputes" ADD CONSTRAINT "disputes_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "disputes" ADD CONSTRAINT "disputes_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "disputes" ADD CONSTRAINT "disputes_invoice_id_invoices_id_fk" FOREIGN KEY ("invoice_id") REFERENCES "public"."invoices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dunning_item_levels" ADD CONSTRAINT "dunning_item_levels_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dunning_item_levels" ADD CONSTRAINT "dunning_item_levels_invoice_id_invoices_id_fk" FOREIGN KEY ("invoice_id") REFERENCES "public"."invoices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dunning_item_levels" ADD CONSTRAINT "dunning_item_levels_notice_id_dunning_notices_id_fk" FOREIGN KEY ("notice_id") REFERENCES "public"."dunning_notices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dunning_notices" ADD CONSTRAINT "dunning_notices_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dunning_notices" ADD CONSTRAINT "dunning_notices_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dunning_notices" ADD CONSTRAINT "dunning_notices_policy_id_dunning_policies_id_fk" FOREIGN KEY ("policy_id") REFERENCES "public"."dunning_policies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dunning_policies" ADD CONSTRAINT "dunning_policies_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "promises_to_pay" ADD CONSTRAINT "promises_to_pay_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "promises_to_pay" ADD CONSTRAINT "promises_to_pay_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "collection_activities_customer_idx" ON "collection_activities" USING btree ("tenant_id","customer_id","occurred_on");--> statement-breakpoint
CREATE INDEX "disputes_invoice_idx" ON "disputes" USING btree ("tenant_id","invoice_id");--> statement-breakpoint
CREATE INDEX "disputes_status_idx" ON "disputes" USING btree ("tenant_id","status");--> statement-breakpoint
CREATE INDEX "dunning_notices_customer_idx" ON "dunning_notices" USING btree ("tenant_id","customer_id","as_of");--> statement-breakpoint
CREATE UNIQUE INDEX "dunning_policies_default_key" ON "dunning_policies" USING btree ("tenant_id") WHERE "dunning_policies"."is_default";--> statement-breakpoint
CREATE UNIQUE INDEX "dunning_policies_segment_key" ON "dunning_policies" USING btree ("tenant_id","segment") WHERE "dunning_policies"."segment" is not null;--> statement-breakpoint
CREATE INDEX "promises_customer_idx" ON "promises_to_pay" USING btree ("tenant_id","customer_id");