/**
 * Request templates: {{modifiedSince}}, {{afterId}}, {{page}} and {{pageSize}} are replaced by
 * the run's values (an absent value becomes empty text). In a SOAP body every value is
 * XML-escaped, so an id like "A&B<1>" cannot break the envelope or inject elements.
 */

/** The values a template may use. */
export interface TemplateValues {
  readonly modifiedSince: string | null;
  readonly afterId: string | null;
  readonly page: number;
  readonly pageSize: number;
}

const PLACEHOLDER = /\{\{(modifiedSince|afterId|page|pageSize)\}\}/g;

/** Escapes text for an XML element or a double- or single-quoted attribute. */
export function xmlEscape(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

function valueOf(values: TemplateValues, name: string): string {
  switch (name) {
    case 'modifiedSince':
      return values.modifiedSince ?? '';
    case 'afterId':
      return values.afterId ?? '';
    case 'page':
      return String(values.page);
    default:
      return String(values.pageSize);
  }
}

/** Fills a template; `escape` is applied to each value (xmlEscape for SOAP bodies). */
export function fillTemplate(
  template: string,
  values: TemplateValues,
  escape: (s: string) => string = (s) => s,
): string {
  return template.replace(PLACEHOLDER, (_whole, name: string) => escape(valueOf(values, name)));
}
