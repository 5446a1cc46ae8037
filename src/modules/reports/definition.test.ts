import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileReport, defaultReportRows, maxReportRows, reportCatalog, reportDefinition, reportSources } from './definition.js';

const pointers = (input: unknown) => {
  const parsed = reportDefinition.safeParse(input);
  return parsed.success ? [] : parsed.error.issues.map((i) => `/${i.path.join('/')}`);
};
const parse = (input: unknown) => reportDefinition.parse(input);

describe('the report definition', () => {
  it('accepts a definition from the catalogue and fills in the defaults', () => {
    expect(parse({ source: 'payments', measures: ['amount'] })).toEqual({
      source: 'payments', measures: ['amount'], groupBy: [], filters: {}, period: {}, sort: [], limit: defaultReportRows,
    });
  });

  it.each([
    ['an unknown measure', { source: 'invoices', measures: ['count', 'profit'] }, ['/measures/1']],
    ['a dimension of another source', { source: 'invoices', measures: ['count'], groupBy: ['method'] }, ['/groupBy/0']],
    ['a measure of another source', { source: 'disputes', measures: ['open_amount'] }, ['/measures/0']],
    ['an unknown source', { source: 'journal', measures: ['count'] }, ['/source']],
    ['no measure', { source: 'invoices', measures: [] }, ['/measures']],
    ['a measure twice', { source: 'invoices', measures: ['count', 'count'] }, ['/measures/1']],
    ['a sort on something not in the report', { source: 'invoices', measures: ['count'], groupBy: ['kind'], sort: [{ by: 'status' }] }, ['/sort/0/by']],
    ['a period that ends before it starts', { source: 'payments', measures: ['count'], period: { from: '2026-03-01', to: '2026-02-28' } }, ['/period/from']],
    ['an impossible date', { source: 'payments', measures: ['count'], period: { to: '2026-02-30' } }, ['/period/to']],
    ['a decimal amount', { source: 'payments', measures: ['count'], filters: { amountMinorAtLeast: 10.5 } }, ['/filters/amountMinorAtLeast']],
    ['bounds the wrong way round', { source: 'payments', measures: ['count'], filters: { amountMinorAtLeast: 500, amountMinorAtMost: 100 } }, ['/filters/amountMinorAtLeast']],
    ['a status filter on payments', { source: 'payments', measures: ['count'], filters: { statuses: ['open'] } }, ['/filters']],
    ['a value outside the list', { source: 'disputes', measures: ['count'], filters: { reasons: ['too_expensive'] } }, ['/filters/reasons/0']],
    ['an unknown currency', { source: 'invoices', measures: ['count'], filters: { currency: 'EUX' } }, ['/filters/currency']],
    ['SQL as a dimension', { source: 'invoices', measures: ['count'], groupBy: ['customer_id; drop table invoices'] }, ['/groupBy/0']],
    ['more rows than the limit', { source: 'invoices', measures: ['count'], limit: maxReportRows + 1 }, ['/limit']],
    ['an unknown field', { source: 'invoices', measures: ['count'], having: 'count > 1' }, ['/']],
  ])('refuses %s, pointing at it', (_name, input, expected) => {
    expect(pointers(input)).toEqual(expected);
  });

  it('allows sorting by the currency an amount brings with it', () => {
    expect(pointers({ source: 'invoices', measures: ['open_amount'], sort: [{ by: 'currency', direction: 'desc' }] })).toEqual([]);
    expect(pointers({ source: 'invoices', measures: ['count'], sort: [{ by: 'currency' }] })).toEqual(['/sort/0/by']);
  });
});

describe('compiling a report', () => {
  it('adds the currency dimension to an amount, after the asked-for dimensions', () => {
    const report = compileReport(parse({ source: 'invoices', measures: ['open_amount', 'count'], groupBy: ['customer', 'days_past_due_band'] }), '2026-03-31');
    expect(report.dimensions).toEqual(['customer', 'days_past_due_band', 'currency']);
    expect(report.columns.map((c) => `${c.key}:${c.type}`)).toEqual([
      'customer_id:id', 'customer_name:text', 'days_past_due_band:band', 'currency:currency', 'open_amount:money', 'count:count',
    ]);
  });

  it('does not add a currency to a count or an average', () => {
    const report = compileReport(parse({ source: 'disputes', measures: ['count', 'average_days_to_resolve'], groupBy: ['reason'] }), '2026-03-31');
    expect(report.dimensions).toEqual(['reason']);
  });

  it('is as of the end of the period, or of today when the period is open-ended', () => {
    expect(compileReport(parse({ source: 'payments', measures: ['count'], period: { from: '2026-01-01', to: '2026-01-31' } }), '2026-06-30')).toMatchObject({ asOf: '2026-01-31', from: '2026-01-01' });
    expect(compileReport(parse({ source: 'payments', measures: ['count'] }), '2026-06-30')).toMatchObject({ asOf: '2026-06-30', from: null });
  });

  it('sorts as asked, a customer by name then id, then by every dimension for a stable order', () => {
    const report = compileReport(parse({ source: 'invoices', measures: ['open_amount'], groupBy: ['customer', 'issue_month'], sort: [{ by: 'open_amount', direction: 'desc' }, { by: 'customer' }] }), '2026-03-31');
    expect(report.order).toEqual([
      { column: 'open_amount', direction: 'desc' },
      { column: 'customer_name', direction: 'asc' },
      { column: 'customer_id', direction: 'asc' },
      { column: 'issue_month', direction: 'asc' },
      { column: 'currency', direction: 'asc' },
    ]);
  });

  it('turns filters into whitelisted fields with their values, amounts as bigint minor units', () => {
    const report = compileReport(
      parse({ source: 'invoices', measures: ['count'], filters: { statuses: ['paid', 'open', 'paid'], kinds: ['credit_note'], amountMinorAtLeast: 100, amountMinorAtMost: 9_007_199_254_740_991, openOnly: true, segment: "x' or 1=1 --" } }),
      '2026-03-31',
    );
    expect(report.filters).toEqual({
      customerIds: null,
      segment: "x' or 1=1 --",
      currency: null,
      lists: [{ field: 'status', values: ['open', 'paid'] }, { field: 'kind', values: ['credit_note'] }],
      amountMinorAtLeast: 100n,
      amountMinorAtMost: 9_007_199_254_740_991n,
      openOnly: true,
    });
  });

  it('bands days past due like the aging: current, 1-30, 31-60, 61-90, over 90', () => {
    const report = compileReport(parse({ source: 'invoices', measures: ['count'] }), '2026-03-31');
    expect(report.bands.map((b) => [b.key, b.fromDays, b.toDays])).toEqual([
      ['current', null, 0], ['d1_30', 1, 30], ['d31_60', 31, 60], ['d61_90', 61, 90], ['over_90', 91, null],
    ]);
  });

  const sources = reportSources;
  const anyDefinition = fc
    .constantFrom(...sources)
    .chain((source) =>
      fc.record({
        source: fc.constant(source),
        measures: fc.uniqueArray(fc.constantFrom(...reportCatalog[source].measures), { minLength: 1 }),
        groupBy: fc.uniqueArray(fc.constantFrom(...reportCatalog[source].dimensions), { maxLength: 6 }),
        filters: fc.record({ segment: fc.string({ minLength: 1, maxLength: 100 }) }, { requiredKeys: [] }),
        limit: fc.integer({ min: 1, max: maxReportRows }),
      }),
    );

  it('only ever names catalogue columns, keeps amounts per currency and stays within the row limit', () => {
    const catalogueKeys = new Set(['customer_id', 'customer_name', ...sources.flatMap((s) => [...reportCatalog[s].dimensions, ...reportCatalog[s].measures])]);
    fc.assert(
      fc.property(anyDefinition, (input) => {
        const report = compileReport(parse(input), '2026-03-31');
        for (const c of report.columns) expect(catalogueKeys.has(c.key)).toBe(true);
        for (const o of report.order) expect(report.columns.some((c) => c.key === o.column)).toBe(true);
        expect(new Set(report.columns.map((c) => c.key)).size).toBe(report.columns.length);
        if (report.columns.some((c) => c.type === 'money')) expect(report.dimensions).toContain('currency');
        expect(report.limit).toBeLessThanOrEqual(maxReportRows);
        // The definition is data: compiling it twice gives the same query.
        expect(compileReport(parse(input), '2026-03-31')).toEqual(report);
      }),
    );
  });
});
