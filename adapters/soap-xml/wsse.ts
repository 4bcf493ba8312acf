/**
 * The WS-Security UsernameToken header (OASIS WSS 1.0 UsernameToken Profile): PasswordText sends
 * the password itself (only over TLS!), PasswordDigest sends Base64(SHA-1(nonce + created +
 * password)) with a fresh nonce and creation time, so a captured header cannot be replayed
 * after the service's freshness window. The password appears only in the request body.
 */
import { createHash, randomBytes } from 'node:crypto';
import { xmlEscape } from './template.ts';

/** Namespace of wsse: elements. */
export const WSSE_NS =
  'http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd';
/** Namespace of wsu: attributes and elements. */
export const WSU_NS =
  'http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd';
const PROFILE =
  'http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-username-token-profile-1.0';
const BASE64 =
  'http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-soap-message-security-1.0#Base64Binary';

/** What a UsernameToken is built from; nonce and created are fixed only in tests. */
export interface UsernameTokenInput {
  readonly username: string;
  readonly password: string;
  readonly passwordType: 'PasswordText' | 'PasswordDigest';
  readonly nonce?: Buffer;
  readonly created?: Date;
}

/** Base64(SHA-1(nonce bytes + created + password)), as the profile defines the digest. */
export function passwordDigest(nonce: Buffer, created: string, password: string): string {
  return createHash('sha1')
    .update(Buffer.concat([nonce, Buffer.from(created + password, 'utf8')]))
    .digest('base64');
}

/** The <wsse:Security> header block, for a SOAP envelope whose prefix is `soapPrefix`. */
export function usernameTokenHeader(input: UsernameTokenInput, soapPrefix: string): string {
  const user = `<wsse:Username>${xmlEscape(input.username)}</wsse:Username>`;
  let secret: string;
  if (input.passwordType === 'PasswordText') {
    secret = `<wsse:Password Type="${PROFILE}#PasswordText">${xmlEscape(input.password)}</wsse:Password>`;
  } else {
    const nonce = input.nonce ?? randomBytes(16);
    const created = (input.created ?? new Date()).toISOString();
    const digest = passwordDigest(nonce, created, input.password);
    secret =
      `<wsse:Password Type="${PROFILE}#PasswordDigest">${digest}</wsse:Password>` +
      `<wsse:Nonce EncodingType="${BASE64}">${nonce.toString('base64')}</wsse:Nonce>` +
      `<wsu:Created>${created}</wsu:Created>`;
  }
  return (
    `<wsse:Security xmlns:wsse="${WSSE_NS}" xmlns:wsu="${WSU_NS}" ${soapPrefix}:mustUnderstand="1">` +
    `<wsse:UsernameToken>${user}${secret}</wsse:UsernameToken></wsse:Security>`
  );
}
