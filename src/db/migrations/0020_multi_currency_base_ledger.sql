CREATE TABLE "exchange_rates" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"currency" text NOT NULL,
	"rate_date" date NOT NULL,
	"rate" numeric(20, 10) NOT NULL,
	"source" text DEFAULT 'manual' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "exchange_rates_day_key" UNIQUE("tenant_id","currency","rate_date"),
	CONSTRAINT "exchange_rates_rate_check" CHECK ("exchange_rates"."rate" > 0)
);
--> statement-breakpoint
ALTER TABLE "journal_lines" DROP CONSTRAINT "journal_lines_one_side_check";--> statement-breakpoint
ALTER TABLE "journal_lines" ADD COLUMN "base_debit_minor" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "journal_lines" ADD COLUMN "base_credit_minor" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "invoices" ADD COLUMN "exchange_rate" numeric(20, 10);--> statement-breakpoint
ALTER TABLE "payments" ADD COLUMN "exchange_rate" numeric(20, 10);--> statement-breakpoint
ALTER TABLE "exchange_rates" ADD CONSTRAINT "exchange_rates_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "journal_lines" ADD CONSTRAINT "journal_lines_one_side_check" CHECK ("journal_lines"."debit_minor" >= 0 and "journal_lines"."credit_minor" >= 0 and "journal_lines"."base_debit_minor" >= 0 and "journal_lines"."base_credit_minor" >= 0 and ("journal_lines"."debit_minor" = 0 or "journal_lines"."credit_minor" = 0) and ("journal_lines"."base_debit_minor" = 0 or "journal_lines"."base_credit_minor" = 0) and ("journal_lines"."debit_minor" = 0 or "journal_lines"."base_credit_minor" = 0) and ("journal_lines"."credit_minor" = 0 or "journal_lines"."base_debit_minor" = 0) and "journal_lines"."debit_minor" + "journal_lines"."credit_minor" + "journal_lines"."base_debit_minor" + "journal_lines"."base_credit_minor" > 0);--> statement-breakpoint
-- Lines posted before base-currency amounts existed: their base amounts are their own amounts (until now every entry
-- was booked in one currency at face value).
ALTER TABLE "journal_lines" DISABLE TRIGGER "journal_lines_append_only";--> statement-breakpoint
UPDATE "journal_lines" SET "base_debit_minor" = "debit_minor", "base_credit_minor" = "credit_minor";--> statement-breakpoint
ALTER TABLE "journal_lines" ENABLE TRIGGER "journal_lines_append_only";--> statement-breakpoint
-- Every entry balances per currency in its own amounts and in base currency; a base-currency line carries its amount
-- as its base amount (so a writer that forgets the base amounts is refused).
CREATE OR REPLACE FUNCTION journal_entry_must_balance() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  unbalanced record;
BEGIN
  SELECT currency, sum(debit_minor) AS debits, sum(credit_minor) AS credits INTO unbalanced
    FROM journal_lines WHERE entry_id = NEW.entry_id
    GROUP BY currency HAVING sum(debit_minor) <> sum(credit_minor) LIMIT 1;
  IF FOUND THEN
    RAISE EXCEPTION 'journal entry % does not balance in %: debits % credits %',
      NEW.entry_id, unbalanced.currency, unbalanced.debits, unbalanced.credits
      USING ERRCODE = '23514', CONSTRAINT = 'journal_entry_balanced';
  END IF;
  SELECT sum(base_debit_minor) AS debits, sum(base_credit_minor) AS credits INTO unbalanced
    FROM journal_lines WHERE entry_id = NEW.entry_id
    HAVING sum(base_debit_minor) <> sum(base_credit_minor);
  IF FOUND THEN
    RAISE EXCEPTION 'journal entry % does not balance in base currency: debits % credits %',
      NEW.entry_id, unbalanced.debits, unbalanced.credits
      USING ERRCODE = '23514', CONSTRAINT = 'journal_entry_balanced';
  END IF;
  IF EXISTS (SELECT 1 FROM journal_lines l JOIN tenants t ON t.id = l.tenant_id
             WHERE l.entry_id = NEW.entry_id AND l.currency = t.base_currency
               AND (l.base_debit_minor <> l.debit_minor OR l.base_credit_minor <> l.credit_minor)) THEN
    RAISE EXCEPTION 'journal entry % has a base-currency line whose base amount differs from its amount', NEW.entry_id
      USING ERRCODE = '23514', CONSTRAINT = 'journal_entry_balanced';
  END IF;
  RETURN NULL;
END $$;
