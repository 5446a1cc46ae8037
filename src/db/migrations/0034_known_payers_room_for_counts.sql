-- A learned payer's counts (payment_count, largest_payment_minor) change with every payment applied from that account
-- and are in no index: room on each page lets those updates stay on the page (HOT) without touching the indexes.
ALTER TABLE "known_payers" SET (fillfactor = 60);
