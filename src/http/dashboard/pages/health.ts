/** The health panel (admin): PostgreSQL, Redis, migrations and the queues' job counts. */
import { html } from '../html.ts';
import { layout, num, type PageContext } from '../layout.ts';
import { t, type MessageKey } from '../messages.ts';

/** One check's result. */
export interface CheckResult {
  readonly ok: boolean;
  readonly detail: string;
}

/** What the panel shows. */
export interface HealthReport {
  readonly checks: readonly { key: MessageKey; result: CheckResult }[];
  readonly queues: readonly { name: string; counts: Readonly<Record<string, number>> }[];
}

/** The health panel. */
export function healthPage(ctx: PageContext, report: HealthReport): string {
  const lang = ctx.lang;
  return layout(
    ctx,
    t(lang, 'healthTitle'),
    html`<table id="checks">
        <tbody>
          ${report.checks.map(
            (c) =>
              html`<tr>
                <th>${t(lang, c.key)}</th>
                <td class="${c.result.ok ? 'ok' : 'bad'}">
                  ${t(lang, c.result.ok ? 'ok' : 'notOk')}
                </td>
                <td>${c.result.detail}</td>
              </tr>`,
          )}
        </tbody>
      </table>
      <h2>${t(lang, 'queueCounts')}</h2>
      <table id="queues">
        <tbody>
          ${report.queues.map(
            (q) =>
              html`<tr>
                <th>${q.name}</th>
                <td>${Object.entries(q.counts).map(([k, v]) => html`${k}: ${num(lang, v)} `)}</td>
              </tr>`,
          )}
        </tbody>
      </table>
      <p>
        <a href="/metrics">/metrics</a> · <a href="/admin/queues">/admin/queues</a> ·
        <a href="/ready">/ready</a>
      </p>`,
  );
}
