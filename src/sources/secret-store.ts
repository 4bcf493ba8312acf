/**
 * The secrets of console sources: sealed with the hub's secrets key before they reach the
 * database, opened only when a pull, test or preview needs them. A secret with no stored value
 * falls back to the environment variable of the same name (KNTC_SRC_…), so an operator can also
 * provide one the way deployment-file secrets are provided.
 */
import type pg from 'pg';
import { HubError } from '../lib/errors.ts';
import { SECRETS_KEY_HINT, type SealedSecret, type SecretKey } from '../lib/secret-box.ts';
import { listSecrets } from '../store/source-secrets-repo.ts';

/** Associated data binding a sealed value to its source and name. */
function aad(sourceId: string, name: string): string {
  return `kntc-hub/source-secret/${sourceId}/${name}`;
}

/** Seals and resolves console sources' secrets. */
export class SecretStore {
  readonly #pool: pg.Pool;
  readonly #key: SecretKey | null;
  readonly #env: (name: string) => string | undefined;

  constructor(
    pool: pg.Pool,
    key: SecretKey | null,
    env: (name: string) => string | undefined = () => undefined,
  ) {
    this.#pool = pool;
    this.#key = key;
    this.#env = env;
  }

  /** True when a secrets key is configured. */
  get canStore(): boolean {
    return this.#key !== null;
  }

  /** The environment fallback of a secret name (KNTC_SRC_* variables only). */
  envValue(name: string): string | undefined {
    return this.#env(name);
  }

  /** Seals a value for `sourceId`/`name`; throws KNTC_CONFIG_INVALID when there is no key. */
  seal(sourceId: string, name: string, value: string): SealedSecret {
    if (this.#key === null) {
      throw new HubError(
        'KNTC_CONFIG_INVALID',
        `Cannot store secret ${name} of source "${sourceId}": the hub has no secrets key (KNTC_SECRETS_KEY)`,
        { hint: SECRETS_KEY_HINT, details: { sourceId, secret: name } },
      );
    }
    return this.#key.seal(value, aad(sourceId, name));
  }

  /**
   * The values of `names` for one source: the stored (decrypted) value, else the environment.
   * Throws KNTC_CONFIG_INVALID naming the secret when one has no value or cannot be decrypted.
   */
  async resolve(sourceId: string, names: readonly string[]): Promise<Record<string, string>> {
    if (names.length === 0) return {};
    const stored = new Map((await listSecrets(this.#pool, sourceId)).map((s) => [s.name, s]));
    const out: Record<string, string> = {};
    for (const name of names) {
      const sealed = stored.get(name);
      const env = this.#env(name);
      if (sealed !== undefined && (this.#key !== null || env === undefined))
        out[name] = this.#open(sourceId, name, sealed);
      else if (env !== undefined) out[name] = env;
      else throw missing(sourceId, name);
    }
    return out;
  }

  #open(sourceId: string, name: string, sealed: SealedSecret): string {
    const label = `${name} of source "${sourceId}"`;
    if (this.#key === null) {
      throw new HubError(
        'KNTC_CONFIG_INVALID',
        `Secret ${label} is stored encrypted, but the hub has no secrets key (KNTC_SECRETS_KEY) to decrypt it`,
        {
          hint: 'Set KNTC_SECRETS_KEY to the key the secret was stored with (the same value on every hub process and the CLI), then restart.',
          details: { sourceId, secret: name },
        },
      );
    }
    return this.#key.open(sealed, aad(sourceId, name), label);
  }
}

function missing(sourceId: string, name: string): HubError {
  return new HubError(
    'KNTC_CONFIG_INVALID',
    `Source "${sourceId}" has no value for its secret ${name}`,
    {
      hint: `Enter the secret in the sources console (Sources → edit), or set the environment variable ${name} for the hub.`,
      details: { sourceId, secret: name },
    },
  );
}
