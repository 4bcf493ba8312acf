import { describe, expect, it } from 'vitest';
import { escapeHtml, html, raw } from '../../../src/http/dashboard/html.ts';
import { policyOf } from '../../../src/http/plugins/route-policy.ts';
import { safeNext } from '../../../src/http/dashboard/routes-session.ts';

describe('route policy', () => {
  it('prefers the route declaration, then the table; undeclared routes get none', () => {
    expect(policyOf('GET', '/x', { roles: ['admin'] })).toEqual({ roles: ['admin'], csrf: true });
    expect(policyOf('HEAD', '/health', {})).toEqual({ roles: 'public', csrf: true });
    expect(policyOf('POST', '/api/v1/sources/:id/sync', {})?.roles).toEqual(['admin']);
    expect(policyOf('PUT', '/admin/queues/api/queues/pull/retry/failed', {})).toEqual({
      roles: ['admin'],
      csrf: false,
    });
    expect(policyOf('GET', '/api/v1/new-thing', {})).toBeNull();
  });
});

describe('HTML escaping', () => {
  it('escapes interpolations but not nested templates or raw markup', () => {
    const name = '<script>alert("x")</script>';
    expect(html`<p>${name}</p>`.value).toBe(
      '<p>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;</p>',
    );
    expect(html`<a title="${"a'b"}">${[html`<b>1</b>`, '&']}</a>`.value).toBe(
      '<a title="a&#39;b"><b>1</b>&amp;</a>',
    );
    expect(html`${raw('<svg/>')}${null}${undefined}${false}${0}`.value).toBe('<svg/>0');
    expect(escapeHtml('&<>"\'')).toBe('&amp;&lt;&gt;&quot;&#39;');
  });

  it('keeps sign-in redirects inside the hub', () => {
    expect(safeNext('/runs?source=a')).toBe('/runs?source=a');
    expect(safeNext('//evil.example')).toBe('/');
    expect(safeNext('/\\evil.example')).toBe('/');
    expect(safeNext('https://evil.example')).toBe('/');
    expect(safeNext(undefined)).toBe('/');
  });
});
