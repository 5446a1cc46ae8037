CREATE TABLE "receivable_day_totals" (
	"tenant_id" uuid NOT NULL,
	"currency" text NOT NULL,
	"day" date NOT NULL,
	"slot" smallint NOT NULL,
	"receivables_minor" bigint DEFAULT 0 NOT NULL,
	"current_receivables_minor" bigint DEFAULT 0 NOT NULL,
	"net_sales_minor" bigint DEFAULT 0 NOT NULL,
	"invoices_issued" bigint DEFAULT 0 NOT NULL,
	"invoices_issued_minor" bigint DEFAULT 0 NOT NULL,
	"invoices_settled" bigint DEFAULT 0 NOT NULL,
	"settled_minor" bigint DEFAULT 0 NOT NULL,
	"settled_days" bigint DEFAULT 0 NOT NULL,
	"settled_amount_days" numeric(38, 0) DEFAULT '0' NOT NULL,
	CONSTRAINT "receivable_day_totals_tenant_id_currency_day_slot_pk" PRIMARY KEY("tenant_id","currency","day","slot")
);
--> statement-breakpoint
ALTER TABLE "receivable_day_totals" ADD CONSTRAINT "receivable_day_totals_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
-- Hand-written below: the triggers that keep receivable_day_totals equal to the invoices and allocations, in the
-- statement that changes them (see src/modules/analytics/schema.ts), and the backfill of the existing books.
-- What one invoice row adds to the day totals (sign −1 takes it back out): the AR and its not-yet-due part from the
-- issue date (the latter until the due date), net sales and invoices issued on the issue date, the settlement on settled_on.
CREATE FUNCTION receivable_day_contributions(sign bigint, i invoices)
RETURNS TABLE (tenant_id uuid, currency text, day date, receivables_minor bigint, current_receivables_minor bigint, net_sales_minor bigint,
               invoices_issued bigint, invoices_issued_minor bigint, invoices_settled bigint, settled_minor bigint, settled_days bigint,
               settled_amount_days numeric)
LANGUAGE sql IMMUTABLE AS $$
  SELECT i.tenant_id, i.currency, c.day, sign * c.receivables, sign * c.current_receivables, sign * c.net_sales, sign * c.issued, sign * c.issued_minor,
         sign * c.settled, sign * c.settled_minor, sign * c.settled_days, sign * c.settled_amount_days
    FROM (
      SELECT i.issue_date AS day, i.total_minor AS receivables, CASE WHEN i.due_date >= i.issue_date THEN i.total_minor ELSE 0 END AS current_receivables,
             i.total_minor AS net_sales, 1::bigint AS issued, i.total_minor AS issued_minor, 0::bigint AS settled, 0::bigint AS settled_minor,
             0::bigint AS settled_days, 0::numeric AS settled_amount_days
       WHERE i.kind = 'invoice' AND i.status <> 'draft' AND i.issue_date IS NOT NULL
      UNION ALL
      SELECT i.due_date + 1, 0, -i.total_minor, 0, 0, 0, 0, 0, 0, 0
       WHERE i.kind = 'invoice' AND i.status <> 'draft' AND i.due_date >= i.issue_date
      UNION ALL
      SELECT i.issue_date, 0, 0, -i.total_minor, 0, 0, 0, 0, 0, 0
       WHERE i.kind = 'credit_note' AND i.status <> 'draft' AND i.issue_date IS NOT NULL
      UNION ALL
      SELECT i.settled_on, 0, 0, 0, 0, 0, 1, i.total_minor, i.settled_on - i.issue_date, i.total_minor::numeric * (i.settled_on - i.issue_date)
       WHERE i.kind = 'invoice' AND i.total_minor > 0 AND i.settled_on IS NOT NULL AND i.issue_date IS NOT NULL
    ) c
$$;
--> statement-breakpoint
-- What one allocation of `amount` applied on `applied_on` to invoice i takes off the AR (from the later of the two
-- dates on) and off its not-yet-due part (until the due date), in the same columns.
CREATE FUNCTION receivable_day_allocation_contributions(sign bigint, i invoices, amount bigint, applied_on date)
RETURNS TABLE (tenant_id uuid, currency text, day date, receivables_minor bigint, current_receivables_minor bigint, net_sales_minor bigint,
               invoices_issued bigint, invoices_issued_minor bigint, invoices_settled bigint, settled_minor bigint, settled_days bigint,
               settled_amount_days numeric)
LANGUAGE sql IMMUTABLE AS $$
  SELECT i.tenant_id, i.currency, c.day, sign * c.receivables, sign * c.current_receivables, 0::bigint, 0::bigint, 0::bigint, 0::bigint, 0::bigint, 0::bigint, 0::numeric
    FROM (
      SELECT greatest(applied_on, i.issue_date) AS day, -amount AS receivables,
             CASE WHEN greatest(applied_on, i.issue_date) <= i.due_date THEN -amount ELSE 0 END AS current_receivables
       WHERE i.kind = 'invoice' AND i.status <> 'draft' AND i.issue_date IS NOT NULL
      UNION ALL
      SELECT i.due_date + 1, 0, amount
       WHERE i.kind = 'invoice' AND i.status <> 'draft' AND i.issue_date IS NOT NULL AND greatest(applied_on, i.issue_date) <= i.due_date
    ) c
$$;
--> statement-breakpoint
-- The statement that adds a set of contributions (the SQL text `changes`) to the day totals: summed per day, in key
-- order, in the slot of this transaction; days whose changes add up to nothing are not written, so an update of an
-- invoice's open balance alone takes no lock here.
CREATE FUNCTION receivable_day_totals_upsert(changes text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT format($upsert$
    INSERT INTO receivable_day_totals AS t (tenant_id, currency, day, slot, receivables_minor, current_receivables_minor, net_sales_minor, invoices_issued,
                                            invoices_issued_minor, invoices_settled, settled_minor, settled_days, settled_amount_days)
    SELECT c.tenant_id, c.currency, c.day, (txid_current() %% 16)::smallint, sum(c.receivables_minor), sum(c.current_receivables_minor), sum(c.net_sales_minor),
           sum(c.invoices_issued), sum(c.invoices_issued_minor), sum(c.invoices_settled), sum(c.settled_minor), sum(c.settled_days), sum(c.settled_amount_days)
      FROM (%s) c
     GROUP BY c.tenant_id, c.currency, c.day
    HAVING sum(c.receivables_minor) <> 0 OR sum(c.current_receivables_minor) <> 0 OR sum(c.net_sales_minor) <> 0 OR sum(c.invoices_issued) <> 0
        OR sum(c.invoices_issued_minor) <> 0 OR sum(c.invoices_settled) <> 0 OR sum(c.settled_minor) <> 0 OR sum(c.settled_days) <> 0
        OR sum(c.settled_amount_days) <> 0
     ORDER BY c.tenant_id, c.currency, c.day
    ON CONFLICT (tenant_id, currency, day, slot) DO UPDATE SET
      receivables_minor = t.receivables_minor + excluded.receivables_minor,
      current_receivables_minor = t.current_receivables_minor + excluded.current_receivables_minor,
      net_sales_minor = t.net_sales_minor + excluded.net_sales_minor,
      invoices_issued = t.invoices_issued + excluded.invoices_issued,
      invoices_issued_minor = t.invoices_issued_minor + excluded.invoices_issued_minor,
      invoices_settled = t.invoices_settled + excluded.invoices_settled,
      settled_minor = t.settled_minor + excluded.settled_minor,
      settled_days = t.settled_days + excluded.settled_days,
      settled_amount_days = t.settled_amount_days + excluded.settled_amount_days
  $upsert$, changes)
$$;
--> statement-breakpoint
-- Invoices inserted, changed or deleted: their new contributions less their old ones. When what an allocation's
-- contribution depends on changes (issued or not, kind, currency, issue or due date), the invoice's allocations are
-- taken out as they counted and put back as they count now.
CREATE FUNCTION receivable_day_totals_after_invoices() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    EXECUTE receivable_day_totals_upsert('SELECT c.* FROM new_rows n CROSS JOIN LATERAL receivable_day_contributions(1, n) c');
  ELSIF TG_OP = 'DELETE' THEN
    EXECUTE receivable_day_totals_upsert('SELECT c.* FROM old_rows o CROSS JOIN LATERAL receivable_day_contributions(-1, o) c');
  ELSE
    EXECUTE receivable_day_totals_upsert($changes$
      SELECT c.* FROM new_rows n CROSS JOIN LATERAL receivable_day_contributions(1, n) c
      UNION ALL
      SELECT c.* FROM old_rows o CROSS JOIN LATERAL receivable_day_contributions(-1, o) c
      UNION ALL
      SELECT c.*
        FROM old_rows o JOIN new_rows n ON n.id = o.id
        JOIN allocations a ON a.tenant_id = n.tenant_id AND a.invoice_id = n.id
        CROSS JOIN LATERAL (
          SELECT * FROM receivable_day_allocation_contributions(-1, o, a.amount_minor, a.applied_on)
          UNION ALL
          SELECT * FROM receivable_day_allocation_contributions(1, n, a.amount_minor, a.applied_on)
        ) c
       WHERE (o.status = 'draft') <> (n.status = 'draft') OR o.kind <> n.kind OR o.currency <> n.currency OR o.tenant_id <> n.tenant_id
          OR o.issue_date IS DISTINCT FROM n.issue_date OR o.due_date IS DISTINCT FROM n.due_date
    $changes$);
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
-- Allocations are append-only (allocations_append_only): inserted rows are all there is to add.
CREATE FUNCTION receivable_day_totals_after_allocations() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE receivable_day_totals_upsert($changes$
    SELECT c.* FROM new_rows a JOIN invoices i ON i.id = a.invoice_id
     CROSS JOIN LATERAL receivable_day_allocation_contributions(1, i, a.amount_minor, a.applied_on) c
  $changes$);
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER invoices_receivable_day_totals_insert AFTER INSERT ON invoices REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION receivable_day_totals_after_invoices();
--> statement-breakpoint
CREATE TRIGGER invoices_receivable_day_totals_update AFTER UPDATE ON invoices REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION receivable_day_totals_after_invoices();
--> statement-breakpoint
CREATE TRIGGER invoices_receivable_day_totals_delete AFTER DELETE ON invoices REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION receivable_day_totals_after_invoices();
--> statement-breakpoint
CREATE TRIGGER allocations_receivable_day_totals_insert AFTER INSERT ON allocations REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION receivable_day_totals_after_allocations();
--> statement-breakpoint
-- The books as they stand: every invoice and allocation once.
INSERT INTO receivable_day_totals (tenant_id, currency, day, slot, receivables_minor, current_receivables_minor, net_sales_minor, invoices_issued,
                                   invoices_issued_minor, invoices_settled, settled_minor, settled_days, settled_amount_days)
SELECT c.tenant_id, c.currency, c.day, 0, sum(c.receivables_minor), sum(c.current_receivables_minor), sum(c.net_sales_minor), sum(c.invoices_issued),
       sum(c.invoices_issued_minor), sum(c.invoices_settled), sum(c.settled_minor), sum(c.settled_days), sum(c.settled_amount_days)
  FROM (
    SELECT c.* FROM invoices i CROSS JOIN LATERAL receivable_day_contributions(1, i) c
    UNION ALL
    SELECT c.* FROM allocations a JOIN invoices i ON i.id = a.invoice_id CROSS JOIN LATERAL receivable_day_allocation_contributions(1, i, a.amount_minor, a.applied_on) c
  ) c
 GROUP BY c.tenant_id, c.currency, c.day;
