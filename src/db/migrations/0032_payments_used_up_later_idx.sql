-- Hand-written: payments that can carry unapplied cash on a past date D are those received by D and used up after it.
-- A payment used up on its own value date (nearly every payment cash application applies) can never be one, so the
-- index holds only payments used up later than received: far fewer rows to write and to read than one over all
-- used-up payments.
DROP INDEX IF EXISTS "payments_used_up_idx";
--> statement-breakpoint
CREATE INDEX "payments_used_up_later_idx" ON "payments" USING btree ("tenant_id", "used_up_on")
  INCLUDE ("customer_id", "currency", "value_date", "amount_minor", "unapplied_minor", "status", "reversed_on", "id") WHERE "used_up_on" > "value_date";
