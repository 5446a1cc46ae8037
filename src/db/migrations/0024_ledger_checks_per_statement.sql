-- The ledger's commit-time checks (0001, base currency since 0020) once per INSERT statement instead of once per row.
-- The rules are unchanged: at commit, every journal entry written or added to in the transaction has lines, balances
-- per currency in its own amounts and in base currency, and its base-currency lines carry their amount as base amount;
-- otherwise the commit fails with the same errors as before. What changes is the cost: a multi-row INSERT of N lines
-- (a cash-application batch writes thousands) queues one check of its entries, run as one set-based query at commit,
-- where each of the N rows used to run its own deferred trigger and query.
--
-- How: a statement-level trigger on each table puts the ids of the entries the statement touched into
-- journal_entry_checks, and a deferred constraint trigger on that queue runs the check at commit and removes the row.
-- A queued row removed early by hand does not skip the check: the trigger event was queued when the row was inserted.
CREATE TABLE journal_entry_checks (
  id bigserial PRIMARY KEY,
  -- 'lines': entries that received lines (balance checks); 'entries': new entries (must have lines)
  kind text NOT NULL CHECK (kind IN ('lines', 'entries')),
  entry_ids uuid[] NOT NULL
);
--> statement-breakpoint
CREATE FUNCTION queue_journal_line_checks() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO journal_entry_checks (kind, entry_ids)
    SELECT 'lines', array_agg(DISTINCT entry_id) FROM new_lines HAVING count(*) > 0;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION queue_journal_entry_checks() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO journal_entry_checks (kind, entry_ids)
    SELECT 'entries', array_agg(id) FROM new_entries HAVING count(*) > 0;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION journal_entries_must_be_complete() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  fault record;
BEGIN
  IF NEW.kind = 'entries' THEN
    SELECT q.id INTO fault FROM unnest(NEW.entry_ids) AS q(id)
     WHERE NOT EXISTS (SELECT 1 FROM journal_lines l WHERE l.entry_id = q.id) LIMIT 1;
    IF FOUND THEN
      RAISE EXCEPTION 'journal entry % has no lines', fault.id
        USING ERRCODE = '23514', CONSTRAINT = 'journal_entry_has_lines';
    END IF;
  ELSE
    SELECT entry_id, currency, sum(debit_minor) AS debits, sum(credit_minor) AS credits INTO fault
      FROM journal_lines WHERE entry_id = ANY (NEW.entry_ids)
     GROUP BY entry_id, currency HAVING sum(debit_minor) <> sum(credit_minor) LIMIT 1;
    IF FOUND THEN
      RAISE EXCEPTION 'journal entry % does not balance in %: debits % credits %',
        fault.entry_id, fault.currency, fault.debits, fault.credits
        USING ERRCODE = '23514', CONSTRAINT = 'journal_entry_balanced';
    END IF;
    SELECT entry_id, sum(base_debit_minor) AS debits, sum(base_credit_minor) AS credits INTO fault
      FROM journal_lines WHERE entry_id = ANY (NEW.entry_ids)
     GROUP BY entry_id HAVING sum(base_debit_minor) <> sum(base_credit_minor) LIMIT 1;
    IF FOUND THEN
      RAISE EXCEPTION 'journal entry % does not balance in base currency: debits % credits %',
        fault.entry_id, fault.debits, fault.credits
        USING ERRCODE = '23514', CONSTRAINT = 'journal_entry_balanced';
    END IF;
    SELECT l.entry_id INTO fault
      FROM journal_lines l JOIN tenants t ON t.id = l.tenant_id
     WHERE l.entry_id = ANY (NEW.entry_ids) AND l.currency = t.base_currency
       AND (l.base_debit_minor <> l.debit_minor OR l.base_credit_minor <> l.credit_minor) LIMIT 1;
    IF FOUND THEN
      RAISE EXCEPTION 'journal entry % has a base-currency line whose base amount differs from its amount', fault.entry_id
        USING ERRCODE = '23514', CONSTRAINT = 'journal_entry_balanced';
    END IF;
  END IF;
  DELETE FROM journal_entry_checks WHERE id = NEW.id;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER journal_lines_queue_checks AFTER INSERT ON journal_lines
  REFERENCING NEW TABLE AS new_lines FOR EACH STATEMENT EXECUTE FUNCTION queue_journal_line_checks();
--> statement-breakpoint
CREATE TRIGGER journal_entries_queue_checks AFTER INSERT ON journal_entries
  REFERENCING NEW TABLE AS new_entries FOR EACH STATEMENT EXECUTE FUNCTION queue_journal_entry_checks();
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER journal_entries_complete AFTER INSERT ON journal_entry_checks
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION journal_entries_must_be_complete();
--> statement-breakpoint
DROP TRIGGER journal_entry_balanced ON journal_lines;
--> statement-breakpoint
DROP TRIGGER journal_entry_has_lines ON journal_entries;
--> statement-breakpoint
DROP FUNCTION journal_entry_must_balance();
--> statement-breakpoint
DROP FUNCTION journal_entry_must_have_lines();
