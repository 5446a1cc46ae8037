-- Superseded by the partial covering indexes of migrations 0027/0029 (settled_on is null / is not null): one index
-- fewer to maintain on every change of an open balance.
DROP INDEX "invoices_tenant_settled_idx";