CREATE TABLE "tenant_smtp_settings" (
	"tenant_id" uuid PRIMARY KEY NOT NULL,
	"host" text NOT NULL,
	"port" integer NOT NULL,
	"secure" boolean NOT NULL,
	"username" text,
	"password" text,
	"from_address" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "tenant_smtp_settings_port_check" CHECK ("tenant_smtp_settings"."port" between 1 and 65535)
);
--> statement-breakpoint
ALTER TABLE "tenant_smtp_settings" ADD CONSTRAINT "tenant_smtp_settings_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;