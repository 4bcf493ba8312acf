/** The sign-in page. */
import { html } from '../html.ts';
import { csrfField, layout, type PageContext } from '../layout.ts';
import { t, type MessageKey } from '../messages.ts';

/** Sign-in form; `error` names the message to show after a failed attempt. */
export function loginPage(ctx: PageContext, next: string, error: MessageKey | null): string {
  return layout(
    ctx,
    t(ctx.lang, 'loginTitle'),
    html`${error === null ? '' : html`<p class="bad" role="alert">${t(ctx.lang, error)}</p>`}
      <form method="post" action="/login" class="card login">
        ${csrfField(ctx)}<input type="hidden" name="next" value="${next}" />
        <label
          >${t(ctx.lang, 'username')}<input
            name="username"
            autocomplete="username"
            required
            autofocus
        /></label>
        <label
          >${t(ctx.lang, 'password')}<input
            name="password"
            type="password"
            autocomplete="current-password"
            required
        /></label>
        <button type="submit">${t(ctx.lang, 'loginButton')}</button>
      </form>`,
  );
}
