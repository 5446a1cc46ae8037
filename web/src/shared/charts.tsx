/**
 * Two small charts drawn as inline SVG: a line over months (with an optional target line) and bars that link to the
 * rows behind them. They scale with their box (viewBox), carry a text summary for screen readers, and mark themselves
 * data-drawn once they have data (the dashboard timing waits for that).
 */
import { navigate } from './router';

const width = 640;

/** Round-number ticks from 0 to at least `max`. */
function ticks(max: number, count = 4): number[] {
  if (max <= 0) return [0, 1];
  const raw = max / count;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * magnitude).find((s) => s >= raw) ?? raw;
  const top = Math.ceil(max / step) * step;
  const values: number[] = [];
  for (let v = 0; v <= top + step / 2; v += step) values.push(Math.round(v * 1000) / 1000);
  return values;
}

export interface LinePoint {
  label: string;
  value: number | null;
  /** where clicking the point goes */
  href?: string;
}

export function LineChart({
  points,
  target,
  format,
  title,
  height = 220,
}: {
  points: readonly LinePoint[];
  target?: number | null | undefined;
  format: (value: number) => string;
  title: string;
  height?: number;
}) {
  const pad = { left: 44, right: 12, top: 12, bottom: 26 };
  const values = points.flatMap((p) => (p.value === null ? [] : [p.value]));
  const axis = ticks(Math.max(...values, target ?? 0, 1));
  const top = axis[axis.length - 1] ?? 1;
  const innerW = width - pad.left - pad.right;
  const innerH = height - pad.top - pad.bottom;
  const x = (i: number) => pad.left + (points.length <= 1 ? innerW / 2 : (i * innerW) / (points.length - 1));
  const y = (v: number) => pad.top + innerH - (v / top) * innerH;
  // A gap in the data (no credit sales that month) breaks the line instead of pretending.
  const segments: string[] = [];
  let current = '';
  points.forEach((p, i) => {
    if (p.value === null) {
      if (current) segments.push(current);
      current = '';
      return;
    }
    current += `${current ? 'L' : 'M'}${x(i).toFixed(1)},${y(p.value).toFixed(1)}`;
  });
  if (current) segments.push(current);
  const summary = `${title}: ${points.map((p) => `${p.label} ${p.value === null ? 'no value' : format(p.value)}`).join(', ')}${target != null ? `; target ${format(target)}` : ''}`;
  const labelEvery = points.length > 8 ? 2 : 1;
  return (
    <figure style={{ margin: 0 }}>
      <svg className="chart" viewBox={`0 0 ${width} ${height}`} role="img" aria-label={summary} data-drawn={points.length > 0 ? 'true' : 'false'}>
        {axis.map((t) => (
          <g key={t}>
            <line className="grid-line" x1={pad.left} x2={width - pad.right} y1={y(t)} y2={y(t)} />
            <text x={pad.left - 6} y={y(t) + 4} textAnchor="end">
              {format(t)}
            </text>
          </g>
        ))}
        <line className="axis" x1={pad.left} x2={width - pad.right} y1={y(0)} y2={y(0)} />
        {target != null ? <line className="target" x1={pad.left} x2={width - pad.right} y1={y(target)} y2={y(target)} /> : null}
        {segments.map((d) => (
          <path key={d} className="series" d={d} />
        ))}
        {points.map((p, i) =>
          p.value === null ? null : (
            <circle key={p.label} className="point" cx={x(i)} cy={y(p.value)} r={3}>
              <title>{`${p.label}: ${format(p.value)}`}</title>
            </circle>
          ),
        )}
        {points.map((p, i) =>
          i % labelEvery === (points.length - 1) % labelEvery ? (
            <text key={p.label} x={x(i)} y={height - 8} textAnchor="middle">
              {p.label}
            </text>
          ) : null,
        )}
      </svg>
      <figcaption className="legend">
        <span>
          <span className="swatch" />
          {title}
        </span>
        {target != null ? (
          <span>
            <span className="swatch target" />
            target {format(target)}
          </span>
        ) : null}
      </figcaption>
    </figure>
  );
}

export interface Bar {
  key: string;
  label: string;
  value: number;
  href?: string;
  tone?: 'overdue' | 'current';
}

export function BarChart({ bars, format, title, height = 220 }: { bars: readonly Bar[]; format: (value: number) => string; title: string; height?: number }) {
  const pad = { left: 56, right: 8, top: 18, bottom: 26 };
  const axis = ticks(Math.max(...bars.map((b) => b.value), 1));
  const top = axis[axis.length - 1] ?? 1;
  const innerW = width - pad.left - pad.right;
  const innerH = height - pad.top - pad.bottom;
  const slot = innerW / Math.max(bars.length, 1);
  const barW = Math.min(64, slot * 0.6);
  const y = (v: number) => pad.top + innerH - (v / top) * innerH;
  const summary = `${title}: ${bars.map((b) => `${b.label} ${format(b.value)}`).join(', ')}`;
  return (
    <svg className="chart" viewBox={`0 0 ${width} ${height}`} role="group" aria-label={summary} data-drawn={bars.length > 0 ? 'true' : 'false'}>
      {axis.map((t) => (
        <g key={t} aria-hidden="true">
          <line className="grid-line" x1={pad.left} x2={width - pad.right} y1={y(t)} y2={y(t)} />
          <text x={pad.left - 6} y={y(t) + 4} textAnchor="end">
            {format(t)}
          </text>
        </g>
      ))}
      <line className="axis" x1={pad.left} x2={width - pad.right} y1={y(0)} y2={y(0)} />
      {bars.map((b, i) => {
        const cx = pad.left + slot * i + slot / 2;
        const body = (
          <>
            <rect className={`bar ${b.tone ?? ''}`} x={cx - barW / 2} y={y(b.value)} width={barW} height={Math.max(0, y(0) - y(b.value))} rx={2} />
            <text x={cx} y={y(b.value) - 4} textAnchor="middle">
              {format(b.value)}
            </text>
            <text x={cx} y={height - 8} textAnchor="middle">
              {b.label}
            </text>
          </>
        );
        return b.href ? (
          <a
            key={b.key}
            href={b.href}
            aria-label={`${b.label}: ${format(b.value)}`}
            onClick={(event) => {
              event.preventDefault();
              navigate(b.href ?? '/');
            }}
          >
            {body}
          </a>
        ) : (
          <g key={b.key}>{body}</g>
        );
      })}
    </svg>
  );
}
