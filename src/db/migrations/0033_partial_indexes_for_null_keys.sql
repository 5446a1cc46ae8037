ALTER TABLE "allocations" DROP CONSTRAINT "allocations_reverses_key";--> statement-breakpoint
ALTER TABLE "payments" DROP CONSTRAINT "payments_gateway_charge_key";--> statement-breakpoint
DROP INDEX "invoices_creditor_reference_idx";--> statement-breakpoint
CREATE UNIQUE INDEX "allocations_reverses_key" ON "allocations" USING btree ("reverses_allocation_id") WHERE "allocations"."reverses_allocation_id" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "payments_gateway_charge_key" ON "payments" USING btree ("tenant_id","gateway","gateway_charge_id") WHERE "payments"."gateway_charge_id" is not null;--> statement-breakpoint
CREATE INDEX "invoices_creditor_reference_idx" ON "invoices" USING btree ("tenant_id","creditor_reference") WHERE "invoices"."creditor_reference" is not null;