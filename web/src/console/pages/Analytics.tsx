import { formatMonth, formatNumber } from '../../shared/format';
import { Show, useApi } from '../../shared/ui';
import { kpiLabels, useTitle } from '../common';
import type { KpiTrend } from '../types';

/** The KPIs month by month: the figures behind the dashboard's DSO line, with their formulas. */
export function Analytics() {
  useTitle('KPIs');
  const trend = useApi<KpiTrend>('/v1/analytics/kpis/trend?months=12');
  return (
    <>
      <div className="page-head">
        <h1>AR KPIs by month</h1>
      </div>
      <Show loaded={trend} what="the KPIs">
        {(data) => {
          const kpis = data.points[0]?.figures.map((f) => f) ?? [];
          const unit = (u: string) => (u === 'days' ? ' d' : u === 'percent' ? ' %' : '×');
          return (
            <div className="panel table-wrap">
              <table>
                <thead>
                  <tr>
                    <th>KPI ({data.currency})</th>
                    {data.points.map((p) => (
                      <th key={p.period.start} className="num">
                        {formatMonth(p.period.start)}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {kpis.map((k) => (
                    <tr key={k.kpi}>
                      <th scope="row" title={k.formula}>
                        {kpiLabels[k.kpi] ?? k.kpi.replace(/_/g, ' ')}
                      </th>
                      {data.points.map((p) => {
                        const f = p.figures.find((x) => x.kpi === k.kpi);
                        return (
                          <td key={p.period.start} className="num" title={f?.reason ?? f?.formula}>
                            {f?.value != null ? `${formatNumber(f.value)}${unit(f.unit)}` : '—'}
                          </td>
                        );
                      })}
                    </tr>
                  ))}
                </tbody>
              </table>
              <p className="muted small">Hover a KPI for its formula; a dash means the month has no value (for example no credit sales).</p>
            </div>
          );
        }}
      </Show>
    </>
  );
}
