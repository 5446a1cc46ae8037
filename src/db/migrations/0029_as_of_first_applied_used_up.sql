ALTER TABLE "invoices" ADD COLUMN "first_applied_on" date;--> statement-breakpoint
ALTER TABLE "payments" ADD COLUMN "used_up_on" date;--> statement-breakpoint
-- Hand-written below (after drizzle-kit's two columns): the values for the existing rows, and the covering indexes
-- the as-of reports read through.
UPDATE "invoices" i SET "first_applied_on" = m.first_on
  FROM (SELECT "invoice_id", min("applied_on") AS first_on FROM "allocations" WHERE "invoice_id" IS NOT NULL GROUP BY "invoice_id") m
 WHERE i."id" = m."invoice_id";
--> statement-breakpoint
UPDATE "payments" p SET "used_up_on" = greatest(p."value_date", p."reversed_on",
         (SELECT max(a."applied_on") FROM "allocations" a WHERE a."tenant_id" = p."tenant_id" AND a."payment_id" = p."id"),
         (SELECT max(r."refunded_on") FROM "refunds" r WHERE r."tenant_id" = p."tenant_id" AND r."payment_id" = p."id"))
 WHERE p."unapplied_minor" = 0 OR p."status" = 'reversed';
--> statement-breakpoint
-- Aging as of any date reads the open and the later-settled documents without visiting the table (now with the total
-- and the first allocation date, so an invoice untouched on the date needs no allocation read at all).
DROP INDEX IF EXISTS "invoices_open_items_idx";
--> statement-breakpoint
DROP INDEX IF EXISTS "invoices_settled_items_idx";
--> statement-breakpoint
CREATE INDEX "invoices_open_items_idx" ON "invoices" USING btree ("tenant_id", "customer_id")
  INCLUDE ("currency", "kind", "status", "issue_date", "due_date", "open_minor", "total_minor", "first_applied_on", "id") WHERE "settled_on" IS NULL;
--> statement-breakpoint
CREATE INDEX "invoices_settled_items_idx" ON "invoices" USING btree ("tenant_id", "settled_on")
  INCLUDE ("customer_id", "currency", "kind", "status", "issue_date", "due_date", "open_minor", "total_minor", "first_applied_on", "id") WHERE "settled_on" IS NOT NULL;
--> statement-breakpoint
-- Credit notes' uses (allocations from a credit note) by credit note: few rows, read per unused credit note.
CREATE INDEX "allocations_credit_note_idx" ON "allocations" USING btree ("tenant_id", "credit_note_id")
  INCLUDE ("applied_on", "amount_minor") WHERE "credit_note_id" IS NOT NULL;
--> statement-breakpoint
-- Payments that can carry unapplied cash on a date: not used up (now), or used up after the date.
DROP INDEX IF EXISTS "payments_unapplied_idx";
--> statement-breakpoint
CREATE INDEX "payments_not_used_up_idx" ON "payments" USING btree ("tenant_id", "customer_id")
  INCLUDE ("currency", "value_date", "amount_minor", "unapplied_minor", "status", "reversed_on", "id") WHERE "used_up_on" IS NULL;
--> statement-breakpoint
CREATE INDEX "payments_used_up_idx" ON "payments" USING btree ("tenant_id", "used_up_on")
  INCLUDE ("customer_id", "currency", "value_date", "amount_minor", "unapplied_minor", "status", "reversed_on", "id") WHERE "used_up_on" IS NOT NULL;
--> statement-breakpoint
-- Invoices open now that something was applied to (partly paid): few, read with their allocations after the date.
CREATE INDEX "invoices_partly_settled_idx" ON "invoices" USING btree ("tenant_id", "first_applied_on")
  WHERE "settled_on" IS NULL AND "first_applied_on" IS NOT NULL;
--> statement-breakpoint
CREATE INDEX "invoices_credit_notes_idx" ON "invoices" USING btree ("tenant_id", "customer_id") WHERE "kind" = 'credit_note';
