CREATE TABLE "billing_run_items" (
	"run_id" uuid NOT NULL,
	"item_index" integer NOT NULL,
	"tenant_id" uuid NOT NULL,
	"invoice_id" uuid NOT NULL,
	CONSTRAINT "billing_run_items_run_id_item_index_pk" PRIMARY KEY("run_id","item_index")
);
--> statement-breakpoint
CREATE TABLE "billing_runs" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"run_key" text NOT NULL,
	"issue_date" date NOT NULL,
	"request_digest" text NOT NULL,
	"requested_count" integer NOT NULL,
	"issued_count" integer DEFAULT 0 NOT NULL,
	"status" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"completed_at" timestamp with time zone,
	CONSTRAINT "billing_runs_tenant_key" UNIQUE("tenant_id","run_key"),
	CONSTRAINT "billing_runs_status_check" CHECK ("billing_runs"."status" in ('running', 'completed'))
);
--> statement-breakpoint
ALTER TABLE "billing_run_items" ADD CONSTRAINT "billing_run_items_run_id_billing_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."billing_runs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "billing_run_items" ADD CONSTRAINT "billing_run_items_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "billing_runs" ADD CONSTRAINT "billing_runs_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "billing_run_items_invoice_idx" ON "billing_run_items" USING btree ("tenant_id","invoice_id");