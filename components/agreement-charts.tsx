'use client';
// The dashboard's two charts (recharts, SVG). Each is an image with a short
// description for screen readers; the numbers behind it are in a table beside
// it (agreement-dashboard.tsx), which is the text alternative.
import { Bar, BarChart, CartesianGrid, Cell, Legend, Line, LineChart, ReferenceLine, ResponsiveContainer, XAxis, YAxis } from 'recharts';

/** Status colours with enough contrast on white for bars (the badges' text colours). */
export const STATUS_COLOURS: Record<string, string> = {
  unreviewed: '#5f6368',
  'needs-review': '#b45309',
  consensus: '#15803d',
  disputed: '#b91c1c',
  adjudicated: '#1d4ed8',
};

export function StatusChart({ data, description }: { data: { status: string; label: string; count: number }[]; description: string }) {
  return (
    <div role="img" aria-label={description} className="agreement-chart" data-testid="status-chart">
      {/* inert: the chart's layers are not tab stops (Chromium made four of them focusable); the image is described by its label. */}
      <div inert>
        <ResponsiveContainer width="100%" height={200}>
          <BarChart data={data} layout="vertical" margin={{ top: 4, right: 24, bottom: 4, left: 8 }} accessibilityLayer={false}>
            <CartesianGrid horizontal={false} stroke="#dadce0" />
            <XAxis type="number" allowDecimals={false} tick={{ fill: '#3c4043', fontSize: 12 }} />
            <YAxis type="category" dataKey="label" width={110} tick={{ fill: '#3c4043', fontSize: 12 }} />
            <Bar dataKey="count" isAnimationActive={false}>
              {data.map((d) => (
                <Cell key={d.status} fill={STATUS_COLOURS[d.status] ?? '#5f6368'} />
              ))}
            </Bar>
          </BarChart>
        </ResponsiveContainer>
      </div>
    </div>
  );
}

export interface WeekPoint {
  week: string;
  ordinal: number | null;
  nominal: number | null;
  percent: number | null;
}

export function OverTimeChart({ data, description, labels }: { data: WeekPoint[]; description: string; labels: { ordinal: string; nominal: string; percent: string } }) {
  return (
    <div role="img" aria-label={description} className="agreement-chart" data-testid="over-time-chart">
      <div inert>
        <ResponsiveContainer width="100%" height={240}>
          <LineChart data={data} margin={{ top: 8, right: 16, bottom: 4, left: 0 }} accessibilityLayer={false}>
            <CartesianGrid stroke="#dadce0" />
            <XAxis dataKey="week" tick={{ fill: '#3c4043', fontSize: 12 }} />
            <YAxis domain={[-1, 1]} ticks={[-1, -0.5, 0, 0.5, 1]} tick={{ fill: '#3c4043', fontSize: 12 }} width={36} />
            <ReferenceLine y={0} stroke="#5f6368" />
              <Legend />
            <Line type="monotone" dataKey="ordinal" name={labels.ordinal} stroke="#1a56db" strokeWidth={2} connectNulls isAnimationActive={false} />
            <Line type="monotone" dataKey="nominal" name={labels.nominal} stroke="#9333ea" strokeDasharray="5 3" connectNulls isAnimationActive={false} />
            <Line type="monotone" dataKey="percent" name={labels.percent} stroke="#15803d" strokeDasharray="2 2" connectNulls isAnimationActive={false} />
          </LineChart>
        </ResponsiveContainer>
      </div>
    </div>
  );
}
