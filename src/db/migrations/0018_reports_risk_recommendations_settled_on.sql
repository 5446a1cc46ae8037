CREATE TABLE "credit_recommendations" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"customer_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"current_value" text,
	"proposed_value" text,
	"reason" text NOT NULL,
	"evidence" jsonb NOT NULL,
	"status" text NOT NULL,
	"created_on" date NOT NULL,
	"decided_by" text,
	"decided_at" timestamp with time zone,
	CONSTRAINT "credit_recommendations_kind_check" CHECK ("credit_recommendations"."kind" in ('extend_terms', 'raise_limit', 'shorten_terms', 'lower_limit', 'require_prepayment')),
	CONSTRAINT "credit_recommendations_status_check" CHECK ("credit_recommendations"."status" in ('open', 'accepted', 'dismissed'))
);
--> statement-breakpoint
CREATE TABLE "customer_risk_scores" (
	"tenant_id" uuid NOT NULL,
	"customer_id" uuid NOT NULL,
	"score" integer NOT NULL,
	"computed_on" date NOT NULL,
	"details" jsonb NOT NULL,
	CONSTRAINT "customer_risk_scores_tenant_id_customer_id_pk" PRIMARY KEY("tenant_id","customer_id"),
	CONSTRAINT "customer_risk_scores_range_check" CHECK ("customer_risk_scores"."score" between 0 and 100)
);
--> statement-breakpoint
CREATE TABLE "kpi_digests" (
	"tenant_id" uuid NOT NULL,
	"week_start" date NOT NULL,
	"sent_on" date NOT NULL,
	"content" jsonb NOT NULL,
	CONSTRAINT "kpi_digests_tenant_id_week_start_pk" PRIMARY KEY("tenant_id","week_start")
);
--> statement-breakpoint
CREATE TABLE "saved_reports" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"name" text NOT NULL,
	"definition" jsonb NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "invoices" ADD COLUMN "settled_on" date;--> statement-breakpoint
ALTER TABLE "credit_recommendations" ADD CONSTRAINT "credit_recommendations_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customer_risk_scores" ADD CONSTRAINT "customer_risk_scores_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kpi_digests" ADD CONSTRAINT "kpi_digests_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "saved_reports" ADD CONSTRAINT "saved_reports_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "invoices_tenant_settled_idx" ON "invoices" USING btree ("tenant_id","settled_on");--> statement-breakpoint
CREATE UNIQUE INDEX "credit_recommendations_open_key" ON "credit_recommendations" ("tenant_id","customer_id","kind") WHERE "status" = 'open';--> statement-breakpoint
-- Invoices settled before this migration: the date of the allocation that brought them to zero.
UPDATE "invoices" i SET "settled_on" = a."last" FROM (SELECT "invoice_id", max("applied_on") AS "last" FROM "allocations" GROUP BY "invoice_id") a WHERE a."invoice_id" = i."id" AND i."kind" = 'invoice' AND i."open_minor" = 0 AND i."status" <> 'draft';
