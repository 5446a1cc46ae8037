ALTER TABLE "autopay_attempts" DROP CONSTRAINT "autopay_attempts_key";--> statement-breakpoint
ALTER TABLE "email_outbox" ADD COLUMN "claim_token" text;--> statement-breakpoint
ALTER TABLE "autopay_attempts" ADD COLUMN "payment_plan_id" uuid;--> statement-breakpoint
ALTER TABLE "autopay_attempts" ADD COLUMN "instalment_number" integer;--> statement-breakpoint
ALTER TABLE "autopay_attempts" ADD CONSTRAINT "autopay_attempts_key" UNIQUE NULLS NOT DISTINCT("tenant_id","invoice_id","payment_plan_id","instalment_number","attempt_number");--> statement-breakpoint
ALTER TABLE "autopay_attempts" ADD CONSTRAINT "autopay_attempts_plan_check" CHECK (("autopay_attempts"."payment_plan_id" is null) = ("autopay_attempts"."instalment_number" is null));