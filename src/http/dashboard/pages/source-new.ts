/** First step of a new source: choose the adapter kind; the form comes next (?adapter=<kind>). */
import type { AdapterKindInfo } from '../../../sources/console-contract.ts';
import { html } from '../html.ts';
import { layout, type PageContext } from '../layout.ts';
import { t } from '../messages.ts';
import { adapterText } from './source-common.ts';

/** The adapter choice; `unknown` is a kind asked for that the hub does not have. */
export function chooseAdapterPage(
  ctx: PageContext,
  kinds: readonly AdapterKindInfo[],
  unknown: string | null,
): string {
  const lang = ctx.lang;
  return layout(
    ctx,
    t(lang, 'newSourceTitle'),
    html`${
        unknown === null
          ? ''
          : html`<p class="bad" role="alert" data-unknown="${unknown}">
              ${unknown}: ${t(lang, 'unknownAdapter')}
            </p>`
      }
      <p>${t(lang, 'chooseAdapter')}</p>
      <ul class="adapters">
        ${kinds.map(
          (k) =>
            html`<li>
              <a href="/sources/new?adapter=${encodeURIComponent(k.kind)}" data-adapter="${k.kind}"
                ><strong>${k.kind}</strong></a
              >
              — ${adapterText(lang, k.kind)}
            </li>`,
        )}
      </ul>
      <p><a href="/sources">${t(lang, 'backToSources')}</a></p>`,
  );
}
