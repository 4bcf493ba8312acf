/**
 * The pages shown instead of content when access is refused, the form is stale, or nothing was
 * found; JSON callers get the hub's usual error body instead (see src/http/plugins/auth.ts).
 */
import { html } from '../html.ts';
import { layout, type PageContext } from '../layout.ts';
import { t } from '../messages.ts';

/** 403 page: the role may not open this. */
export function forbiddenPage(ctx: PageContext): string {
  return layout(
    ctx,
    t(ctx.lang, 'forbiddenTitle'),
    html`<p class="bad" data-code="KNTC_FORBIDDEN">${t(ctx.lang, 'forbiddenText')}</p>
      <p><a href="/">${t(ctx.lang, 'back')}</a></p>`,
  );
}

/** 403 page: the CSRF token is missing or wrong. */
export function csrfPage(ctx: PageContext): string {
  return layout(
    ctx,
    t(ctx.lang, 'forbiddenTitle'),
    html`<p class="bad" data-code="KNTC_CSRF">${t(ctx.lang, 'csrfText')}</p>`,
  );
}

/** 404 page. */
export function notFoundPage(ctx: PageContext): string {
  return layout(ctx, t(ctx.lang, 'notFound'), html`<p><a href="/">${t(ctx.lang, 'back')}</a></p>`);
}
