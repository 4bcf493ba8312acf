/**
 * A 30-day bar chart as inline SVG (a few hundred bytes, no script): acknowledged per day in
 * green, rejected in red, both on one scale.
 */
import type { DayCounts } from '../../store/dashboard-repo.ts';
import { raw, type SafeHtml } from './html.ts';

const W = 150;
const H = 32;

/** The chart of one source's last days; `title` becomes the accessible name. */
export function dailyChart(days: readonly DayCounts[], title: string): SafeHtml {
  const max = Math.max(1, ...days.map((d) => Math.max(d.acknowledged, d.rejected)));
  const step = W / Math.max(1, days.length);
  const bars = days.map((d, i) => {
    const x = (i * step).toFixed(1);
    const ack = Math.round((d.acknowledged / max) * H);
    const rej = Math.round((d.rejected / max) * H);
    const bw = Math.max(1, step / 2 - 0.5).toFixed(1);
    const xr = (i * step + step / 2).toFixed(1);
    return (
      (ack > 0 ? `<rect x="${x}" y="${H - ack}" width="${bw}" height="${ack}" class="ack"/>` : '') +
      (rej > 0 ? `<rect x="${xr}" y="${H - rej}" width="${bw}" height="${rej}" class="rej"/>` : '')
    );
  });
  const label = title.replace(/[&<>"']/g, '');
  return raw(
    `<svg class="chart" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" role="img" aria-label="${label}"><title>${label}</title><line x1="0" y1="${H}" x2="${W}" y2="${H}"/>${bars.join('')}</svg>`,
  );
}
