CREATE TABLE "collector_portfolio_rules" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"collector" text NOT NULL,
	"segment" text,
	"country_code" text,
	"min_balance_minor" bigint,
	"max_balance_minor" bigint,
	"priority" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "collector_portfolio_rules_priority_key" UNIQUE("tenant_id","priority"),
	CONSTRAINT "collector_portfolio_rules_balance_check" CHECK ("collector_portfolio_rules"."min_balance_minor" is null or "collector_portfolio_rules"."max_balance_minor" is null or "collector_portfolio_rules"."min_balance_minor" <= "collector_portfolio_rules"."max_balance_minor")
);
--> statement-breakpoint
CREATE TABLE "payment_plan_instalments" (
	"tenant_id" uuid NOT NULL,
	"plan_id" uuid NOT NULL,
	"number" integer NOT NULL,
	"due_on" date NOT NULL,
	"amount_minor" bigint NOT NULL,
	"interest_minor" bigint DEFAULT 0 NOT NULL,
	"paid_minor" bigint DEFAULT 0 NOT NULL,
	"status" text NOT NULL,
	CONSTRAINT "payment_plan_instalments_plan_id_number_pk" PRIMARY KEY("plan_id","number"),
	CONSTRAINT "payment_plan_instalments_amount_check" CHECK ("payment_plan_instalments"."amount_minor" > 0 and "payment_plan_instalments"."interest_minor" >= 0 and "payment_plan_instalments"."paid_minor" >= 0),
	CONSTRAINT "payment_plan_instalments_status_check" CHECK ("payment_plan_instalments"."status" in ('open', 'paid', 'missed'))
);
--> statement-breakpoint
CREATE TABLE "payment_plans" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"customer_id" uuid NOT NULL,
	"currency" text NOT NULL,
	"total_minor" bigint NOT NULL,
	"interest_percent" text,
	"status" text NOT NULL,
	"created_on" date NOT NULL,
	"ended_on" date,
	"autopay" boolean DEFAULT false NOT NULL,
	"invoice_ids" jsonb NOT NULL,
	"created_by" text NOT NULL,
	"note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "payment_plans_total_check" CHECK ("payment_plans"."total_minor" > 0),
	CONSTRAINT "payment_plans_status_check" CHECK ("payment_plans"."status" in ('active', 'completed', 'broken', 'cancelled'))
);
--> statement-breakpoint
ALTER TABLE "collection_activities" DROP CONSTRAINT "collection_activities_kind_check";--> statement-breakpoint
ALTER TABLE "collector_portfolio_rules" ADD CONSTRAINT "collector_portfolio_rules_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payment_plan_instalments" ADD CONSTRAINT "payment_plan_instalments_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payment_plan_instalments" ADD CONSTRAINT "payment_plan_instalments_plan_id_payment_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."payment_plans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payment_plans" ADD CONSTRAINT "payment_plans_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payment_plans" ADD CONSTRAINT "payment_plans_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "payment_plans_customer_idx" ON "payment_plans" USING btree ("tenant_id","customer_id");--> statement-breakpoint
CREATE INDEX "payment_plans_status_idx" ON "payment_plans" USING btree ("tenant_id","status");--> statement-breakpoint
ALTER TABLE "collection_activities" ADD CONSTRAINT "collection_activities_kind_check" CHECK ("collection_activities"."kind" in ('call', 'email', 'note', 'letter', 'dunning', 'promise', 'promise_kept', 'promise_broken', 'dispute', 'escalation', 'payment_plan', 'payment_plan_broken'));