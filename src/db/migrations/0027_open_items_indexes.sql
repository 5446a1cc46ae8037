-- Hand-written (drizzle-kit generate --custom): indexes for the as-of reports that drizzle's index builder cannot
-- express (INCLUDE columns, partial predicates used by an index-only scan).
-- Aging reads the documents open now through this one index, without visiting the table.
CREATE INDEX "invoices_open_items_idx" ON "invoices" USING btree ("tenant_id", "customer_id")
  INCLUDE ("currency", "kind", "status", "issue_date", "due_date", "open_minor", "id") WHERE "settled_on" IS NULL;
--> statement-breakpoint
-- As of a past date also those settled after it, by settled_on, likewise without visiting the table.
CREATE INDEX "invoices_settled_items_idx" ON "invoices" USING btree ("tenant_id", "settled_on")
  INCLUDE ("customer_id", "currency", "kind", "status", "issue_date", "due_date", "open_minor", "id") WHERE "settled_on" IS NOT NULL;
--> statement-breakpoint
-- Allocations and refunds dated after an as-of date: none as of today, found without reading the table.
CREATE INDEX "allocations_applied_on_idx" ON "allocations" USING btree ("tenant_id", "applied_on");
--> statement-breakpoint
CREATE INDEX "refunds_refunded_on_idx" ON "refunds" USING btree ("tenant_id", "refunded_on");
--> statement-breakpoint
-- Payments that can carry unapplied cash on a date: those with some unapplied now, reversed ones, and those received later.
CREATE INDEX "payments_unapplied_idx" ON "payments" USING btree ("tenant_id") WHERE "unapplied_minor" <> 0 OR "status" = 'reversed';
--> statement-breakpoint
CREATE INDEX "payments_value_date_idx" ON "payments" USING btree ("tenant_id", "value_date");
