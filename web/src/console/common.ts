import { useEffect } from 'react';

/** The document title names the screen (tabs, history, screen readers). */
export function useTitle(title: string): void {
  useEffect(() => {
    document.title = `${title} · Cashloop`;
  }, [title]);
}

/** The overdue part of an aging row: every bucket but "current". */
export function overdueOf(buckets: Record<string, number>): number {
  return Object.entries(buckets).reduce((sum, [key, minor]) => (key === 'current' ? sum : sum + minor), 0);
}

export const kpiLabels: Record<string, string> = {
  dso_standard: 'DSO',
  dso_countback: 'Countback DSO',
  best_possible_dso: 'Best possible DSO',
  average_days_delinquent: 'Average days delinquent',
  cei: 'Collection effectiveness (CEI)',
  ar_turnover: 'AR turnover',
  percent_current: '% current',
  days_to_pay: 'Days to pay',
};
