/**
 * Builds one request of a soap-xml source: the SOAP 1.1 or 1.2 envelope (with the WS-Security
 * header when configured) and its headers, or the query of a plain-XML GET. Auth secrets are
 * read here from the resolved secrets and go only into the request.
 */
import { basicAuthHeader } from '../shared/http-auth.ts';
import { requireSecret } from '../shared/secrets.ts';
import type { SoapXmlAuth } from './config-schema.ts';
import type { SoapXmlSettings } from './settings.ts';
import { fillTemplate, xmlEscape, type TemplateValues } from './template.ts';
import { usernameTokenHeader } from './wsse.ts';

/** SOAP 1.1 envelope namespace. */
export const SOAP11_NS = 'http://schemas.xmlsoap.org/soap/envelope/';
/** SOAP 1.2 envelope namespace. */
export const SOAP12_NS = 'http://www.w3.org/2003/05/soap-envelope';

/** One request, ready for the transport. */
export type SourceRequest =
  | {
      readonly method: 'POST';
      readonly headers: Readonly<Record<string, string>>;
      readonly body: string;
    }
  | {
      readonly method: 'GET';
      readonly headers: Readonly<Record<string, string>>;
      readonly query: Readonly<Record<string, string>>;
    };

function basicHeader(sourceId: string, auth: SoapXmlAuth, secrets: Record<string, string>) {
  if (auth.type !== 'basic') return {};
  const password = requireSecret(sourceId, auth.secretEnv, secrets, 'auth.secretEnv');
  return basicAuthHeader(auth.username, password);
}

function soapHeader(sourceId: string, auth: SoapXmlAuth, secrets: Record<string, string>): string {
  if (auth.type !== 'wsse') return '';
  const password = requireSecret(sourceId, auth.secretEnv, secrets, 'auth.secretEnv');
  const passwordType = auth.passwordType ?? 'PasswordText';
  const token = usernameTokenHeader({ username: auth.username, password, passwordType }, 'soap');
  return `<soap:Header>${token}</soap:Header>`;
}

/** Builds the request for one page. */
export function buildRequest(
  sourceId: string,
  settings: SoapXmlSettings,
  secrets: Readonly<Record<string, string>>,
  values: TemplateValues,
): SourceRequest {
  const headers: Record<string, string> = { ...basicHeader(sourceId, settings.auth, secrets) };
  if (settings.protocol === 'xml-get') {
    const query: Record<string, string> = {};
    for (const [name, template] of Object.entries(settings.query ?? {})) {
      const value = fillTemplate(template, values);
      if (value !== '') query[name] = value;
    }
    return { method: 'GET', headers: { ...headers, Accept: 'application/xml, text/xml' }, query };
  }
  const ns = settings.protocol === 'soap1.1' ? SOAP11_NS : SOAP12_NS;
  const inner = fillTemplate(settings.body ?? '', values, xmlEscape);
  const body =
    `<?xml version="1.0" encoding="utf-8"?>` +
    `<soap:Envelope xmlns:soap="${ns}">${soapHeader(sourceId, settings.auth, secrets)}` +
    `<soap:Body>${inner}</soap:Body></soap:Envelope>`;
  const action = settings.soapAction ?? '';
  if (settings.protocol === 'soap1.1') {
    headers['Content-Type'] = 'text/xml; charset=utf-8';
    headers['SOAPAction'] = `"${action}"`;
  } else {
    headers['Content-Type'] = `application/soap+xml; charset=utf-8; action="${action}"`;
  }
  return { method: 'POST', headers, body };
}
