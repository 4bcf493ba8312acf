/**
 * Encryption of the secrets provincial IT enter in the sources console (API keys, passwords,
 * connection URLs): AES-256-GCM with a fresh random 96-bit IV per value, under the key given in
 * KNTC_SECRETS_KEY (base64 of 32 random bytes). Every sealed value records the id of the key that
 * sealed it (a fingerprint, never the key), so a changed key is reported as a changed key rather
 * than as a damaged value; the associated data binds a value to its source and name, so a value
 * copied onto another row does not decrypt.
 */
import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import { inspect } from 'node:util';
import { HubError } from './errors.ts';

/** What to do when there is no key, or a bad one: said wherever secrets cannot be stored. */
export const SECRETS_KEY_HINT =
  "Generate a key with `openssl rand -base64 32`, set KNTC_SECRETS_KEY to it in the hub's environment (every hub process and the CLI need the same key), and restart the hub.";

const ALGORITHM = 'aes-256-gcm';
const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** A sealed secret as stored: ciphertext, IV, GCM tag and the id of the key that sealed it. */
export interface SealedSecret {
  readonly ciphertext: Buffer;
  readonly iv: Buffer;
  readonly tag: Buffer;
  readonly keyId: string;
}

/** The secrets key. Its bytes never leave this object: JSON and inspection show only its id. */
export class SecretKey {
  /** 16 hex digits identifying the key (HMAC of a fixed label under the key). */
  readonly id: string;
  readonly #bytes: Buffer;

  private constructor(bytes: Buffer) {
    this.#bytes = bytes;
    this.id = createHmac('sha256', bytes)
      .update('kntc-hub secrets key id')
      .digest('hex')
      .slice(0, 16);
  }

  /** Parses base64 of exactly 32 bytes; `where` names the setting in the error. */
  static fromBase64(text: string, where = 'KNTC_SECRETS_KEY'): SecretKey {
    const trimmed = text.trim();
    const bytes = Buffer.from(trimmed, 'base64');
    if (bytes.length !== KEY_BYTES || bytes.toString('base64') !== trimmed) {
      throw new HubError(
        'KNTC_CONFIG_INVALID',
        `${where} must be the base64 text of 32 random bytes (44 characters ending in "="); the value given has ${trimmed.length} characters and decodes to ${bytes.length} bytes`,
        { hint: SECRETS_KEY_HINT },
      );
    }
    return new SecretKey(bytes);
  }

  /** A new random key. */
  static generate(): SecretKey {
    return new SecretKey(randomBytes(KEY_BYTES));
  }

  /** The key as base64 text, for writing a key file (the demo's); never log it. */
  toBase64(): string {
    return this.#bytes.toString('base64');
  }

  /** Encrypts `plaintext`, bound to `aad` (e.g. source id and secret name). */
  seal(plaintext: string, aad: string): SealedSecret {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv(ALGORITHM, this.#bytes, iv, { authTagLength: TAG_BYTES });
    cipher.setAAD(Buffer.from(aad, 'utf8'));
    const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return { ciphertext, iv, tag: cipher.getAuthTag(), keyId: this.id };
  }

  /**
   * Decrypts a sealed value bound to `aad`; `label` says which secret in errors (never its value).
   * Throws KNTC_CONFIG_INVALID when it was sealed with another key or was altered.
   */
  open(sealed: SealedSecret, aad: string, label: string): string {
    if (sealed.keyId !== this.id) {
      throw new HubError(
        'KNTC_CONFIG_INVALID',
        `Secret ${label} was stored with secrets key ${sealed.keyId}, but KNTC_SECRETS_KEY is now key ${this.id}: the key was changed`,
        {
          hint: 'Set KNTC_SECRETS_KEY back to the key the secrets were stored with, or enter the secret again in the sources console (Sources → edit) so it is stored with the new key.',
          details: { storedKeyId: sealed.keyId, currentKeyId: this.id },
        },
      );
    }
    try {
      const decipher = createDecipheriv(ALGORITHM, this.#bytes, sealed.iv, {
        authTagLength: TAG_BYTES,
      });
      decipher.setAAD(Buffer.from(aad, 'utf8'));
      decipher.setAuthTag(sealed.tag);
      return Buffer.concat([decipher.update(sealed.ciphertext), decipher.final()]).toString('utf8');
    } catch (err) {
      throw new HubError(
        'KNTC_CONFIG_INVALID',
        `Secret ${label} cannot be decrypted: the stored value was altered or damaged`,
        {
          cause: err,
          hint: 'Enter the secret again in the sources console (Sources → edit); if values keep breaking, check who can write to the database.',
        },
      );
    }
  }

  /** JSON shows the key id only. */
  toJSON(): { keyId: string } {
    return { keyId: this.id };
  }

  /** console.log and util.inspect show the key id only. */
  [inspect.custom](): string {
    return `SecretKey(${this.id})`;
  }
}
