/**
 * Finds a SOAP Fault in a parsed answer (1.1: faultcode/faultstring; 1.2: Code/Value,
 * Subcode, Reason/Text) and classifies it. Services answer faults with HTTP 500 (SOAP 1.1) or
 * 400/500 (SOAP 1.2), so the fault is read before the HTTP status is judged: it says more.
 * - Client / Sender, VersionMismatch, MustUnderstand: our request is wrong: permanent;
 * - Server / Receiver: the service failed: retryable;
 * - a WS-Security fault code (FailedAuthentication, InvalidSecurity…): KNTC_SOURCE_AUTH.
 * The fault text is the service's own message (shortened); any secret value it might echo is
 * masked.
 */
import { HubError } from '../../src/lib/errors.ts';
import type { HttpTarget } from '../shared/http-errors.ts';

const FAULT_TEXT_MAX = 200;
const SECURITY_CODES = /FailedAuthentication|InvalidSecurity|FailedCheck|SecurityTokenUnavailable/i;

/** A fault as read from the answer. */
export interface SoapFault {
  /** Local names of the fault code and subcodes, outermost first ("Client", "Sender"…). */
  readonly codes: readonly string[];
  readonly text: string;
}

function field(obj: unknown, key: string): unknown {
  return obj !== null && typeof obj === 'object' && !Array.isArray(obj)
    ? (obj as Record<string, unknown>)[key]
    : undefined;
}

function textOf(value: unknown): string {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return textOf(value[0]);
  const inner = field(value, '#text');
  return typeof inner === 'string' ? inner : '';
}

function localName(code: string): string {
  const trimmed = code.trim();
  return trimmed.slice(trimmed.indexOf(':') + 1);
}

/** The raw Fault element of an answer's tree (Envelope.Body.Fault), or undefined. */
export function faultElement(tree: unknown): unknown {
  return field(field(field(tree, 'Envelope'), 'Body'), 'Fault');
}

/** Reads a normalised Fault element (SOAP 1.1 or 1.2). */
export function readFault(fault: unknown): SoapFault {
  const v11 = field(fault, 'faultcode');
  if (v11 !== undefined) {
    return { codes: [localName(textOf(v11))], text: textOf(field(fault, 'faultstring')) };
  }
  const codes: string[] = [];
  let code = field(fault, 'Code');
  for (let depth = 0; code !== undefined && depth < 5; depth += 1) {
    codes.push(localName(textOf(field(code, 'Value'))));
    code = field(code, 'Subcode');
  }
  return { codes, text: textOf(field(field(fault, 'Reason'), 'Text')) };
}

function masked(text: string, secrets: readonly string[]): string {
  let out = text.replace(/\s+/g, ' ').trim();
  for (const s of secrets) if (s.length >= 4) out = out.split(s).join('***');
  return out.slice(0, FAULT_TEXT_MAX);
}

/** The HubError for a fault; secret values are masked out of the fault text. */
export function faultError(
  target: HttpTarget,
  status: number,
  fault: SoapFault,
  secrets: readonly string[],
): HubError {
  const code = fault.codes.join('/') || 'no fault code';
  const said = masked(fault.text, secrets);
  const message = `source "${target.sourceId}" answered a SOAP fault (${code}, HTTP ${status}) on ${target.path}${said === '' ? '' : `: ${said}`}`;
  const details = { sourceId: target.sourceId, path: target.path, status, faultCode: code };
  if (fault.codes.some((c) => SECURITY_CODES.test(c))) {
    return new HubError('KNTC_SOURCE_AUTH', message, { details });
  }
  const top = fault.codes[0] ?? '';
  const retryable = top === 'Server' || top === 'Receiver';
  const hint = retryable
    ? 'The local system failed while answering (a Server/Receiver fault): the pull will be retried; if it persists, check the system’s logs.'
    : 'The local system refused the request (a Client/Sender fault): check soapAction, body and the credentials in the source config against the service description (?wsdl).';
  return new HubError('KNTC_SOURCE_HTTP', message, { retryable, details, hint });
}
