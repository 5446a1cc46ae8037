ALTER TABLE "tenants" ADD COLUMN "phone" text;--> statement-breakpoint
ALTER TABLE "tenants" ADD COLUMN "peppol_endpoint_scheme" text;--> statement-breakpoint
ALTER TABLE "tenants" ADD COLUMN "peppol_endpoint_id" text;--> statement-breakpoint
ALTER TABLE "customers" ADD COLUMN "peppol_endpoint_scheme" text;--> statement-breakpoint
ALTER TABLE "customers" ADD COLUMN "peppol_endpoint_id" text;--> statement-breakpoint
ALTER TABLE "tenants" ADD CONSTRAINT "tenants_peppol_endpoint_check" CHECK (("tenants"."peppol_endpoint_scheme" is null) = ("tenants"."peppol_endpoint_id" is null));--> statement-breakpoint
ALTER TABLE "customers" ADD CONSTRAINT "customers_peppol_endpoint_check" CHECK (("customers"."peppol_endpoint_scheme" is null) = ("customers"."peppol_endpoint_id" is null));