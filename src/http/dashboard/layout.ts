/**
 * The page frame every dashboard page shares: header with the navigation the role may use, the
 * signed-in account, the language switch and the sign-out form. One small CSS file; no script,
 * font or image from outside the hub (the network may be closed to the internet).
 */
import type { SessionUser } from '../../auth/users.ts';
import type { Role } from '../../auth/roles.ts';
import { html, type SafeHtml } from './html.ts';
import { t, type Lang, type MessageKey } from './messages.ts';

/** What every page knows about the request. */
export interface PageContext {
  readonly lang: Lang;
  readonly user: SessionUser | null;
  /** CSRF token for forms (empty when there is no session). */
  readonly csrf: string;
  /** Path of the page, for the language switch. */
  readonly path: string;
}

const NAV: readonly { href: string; key: MessageKey; roles: readonly Role[] }[] = [
  { href: '/', key: 'navOverview', roles: ['admin', 'inspector', 'viewer'] },
  { href: '/runs', key: 'navRuns', roles: ['admin', 'inspector', 'viewer'] },
  { href: '/petitions', key: 'navPetitions', roles: ['admin', 'inspector', 'viewer'] },
  { href: '/deadlines', key: 'navDeadlines', roles: ['admin', 'inspector', 'viewer'] },
  { href: '/review', key: 'navReview', roles: ['admin', 'inspector'] },
  { href: '/sources', key: 'navSources', roles: ['admin'] },
  { href: '/ops/health', key: 'navHealth', roles: ['admin'] },
  { href: '/admin/queues', key: 'navQueues', roles: ['admin'] },
];

const ROLE_KEY: Record<Role, MessageKey> = {
  admin: 'roleAdmin',
  inspector: 'roleInspector',
  viewer: 'roleViewer',
};

/** The role's name in the page language. */
export function roleName(lang: Lang, role: Role): string {
  return t(lang, ROLE_KEY[role]);
}

/** A hidden CSRF field for a form. */
export function csrfField(ctx: PageContext): SafeHtml {
  return html`<input type="hidden" name="_csrf" value="${ctx.csrf}" />`;
}

function header(ctx: PageContext): SafeHtml {
  const user = ctx.user;
  const other = ctx.lang === 'vi' ? 'en' : 'vi';
  const sep = ctx.path.includes('?') ? '&' : '?';
  const links =
    user === null
      ? []
      : NAV.filter((n) => n.roles.includes(user.role)).map(
          (n) => html`<a href="${n.href}">${t(ctx.lang, n.key)}</a>`,
        );
  const account =
    user === null
      ? html``
      : html`<span class="who">${user.username} · ${roleName(ctx.lang, user.role)}</span>
          <form method="post" action="/logout" class="inline">
            ${csrfField(ctx)}<button>${t(ctx.lang, 'logout')}</button>
          </form>`;
  return html`<header>
    <strong>${t(ctx.lang, 'appName')}</strong>
    <nav>${links}</nav>
    <span class="right"
      >${account}<a class="lang" href="${ctx.path}${sep}lang=${other}"
        >${other.toUpperCase()}</a
      ></span
    >
  </header>`;
}

/** A whole page. */
export function layout(ctx: PageContext, title: string, body: SafeHtml): string {
  return html`<!doctype html>
    <html lang="${ctx.lang}">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>${title} · ${t(ctx.lang, 'appName')}</title>
        <link rel="stylesheet" href="/assets/dashboard.css" />
      </head>
      <body>
        ${header(ctx)}
        <main>
          <h1>${title}</h1>
          ${body}
        </main>
      </body>
    </html>`.value;
}

/** Formats an ISO instant as Vietnam local time (dd/MM/yyyy HH:mm), or the "never" text. */
export function when(lang: Lang, iso: string | null): string {
  if (iso === null) return t(lang, 'never');
  return new Intl.DateTimeFormat(lang === 'vi' ? 'vi-VN' : 'en-GB', {
    timeZone: 'Asia/Ho_Chi_Minh',
    dateStyle: 'short',
    timeStyle: 'short',
  }).format(new Date(iso));
}

/** Formats a count with the language's digit grouping. */
export function num(lang: Lang, n: number): string {
  return new Intl.NumberFormat(lang === 'vi' ? 'vi-VN' : 'en-GB').format(n);
}
