import {
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  type JsonWebKey,
  type KeyObject,
} from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { calculateJwkThumbprint, exportJWK, type JWK } from 'jose';

export type SigningAlgorithm = 'EdDSA' | 'ES256' | 'RS256';

export interface VerificationKey {
  kid: string;
  alg: SigningAlgorithm;
  key: KeyObject;
  jwk: JWK;
}

export interface SigningKeys {
  current: VerificationKey & { privateKey: KeyObject };
  /** The current key first, then the previous ones still accepted while their tokens live. */
  verification: Map<string, VerificationKey>;
  /** What GET /.well-known/jwks.json publishes: public halves only. */
  jwks: { keys: JWK[] };
}

export interface SigningKeyConfig {
  privateKeyPem: string | undefined;
  keyId: string | undefined;
  /** PEM public keys (one or more blocks) or a JWKS JSON document. */
  previousPublicKeys: string | undefined;
  /** Where a development key is generated and kept when none is configured. */
  devKeyFile: string;
}

/**
 * The algorithm follows from the key, so "the configured algorithm" is pinned per key id: a
 * token must name exactly the algorithm of the key its kid designates.
 */
function algorithmOf(key: KeyObject): SigningAlgorithm {
  if (key.asymmetricKeyType === 'ed25519') return 'EdDSA';
  if (key.asymmetricKeyType === 'ec' && key.asymmetricKeyDetails?.namedCurve === 'prime256v1') return 'ES256';
  if (key.asymmetricKeyType === 'rsa' && (key.asymmetricKeyDetails?.modulusLength ?? 0) >= 2048)
    return 'RS256';
  throw new Error(
    `unsupported JWT signing key type ${key.asymmetricKeyType ?? 'unknown'}: use Ed25519 (recommended), P-256 or RSA >= 2048`,
  );
}

async function describe(publicKey: KeyObject, kid: string | undefined): Promise<VerificationKey> {
  const alg = algorithmOf(publicKey);
  const jwk = await exportJWK(publicKey);
  const id = kid ?? (await calculateJwkThumbprint(jwk));
  return { kid: id, alg, key: publicKey, jwk: { ...jwk, kid: id, alg, use: 'sig' } };
}

export async function loadSigningKeys(
  config: SigningKeyConfig,
  warn: (message: string) => void,
): Promise<SigningKeys> {
  const pem = config.privateKeyPem ?? readOrCreateDevKey(config.devKeyFile, warn);
  const privateKey = createPrivateKey(pem);
  const current = { ...(await describe(createPublicKey(privateKey), config.keyId)), privateKey };

  const previous = await parsePreviousKeys(config.previousPublicKeys);
  const verification = new Map<string, VerificationKey>([[current.kid, current]]);
  for (const key of previous) if (!verification.has(key.kid)) verification.set(key.kid, key);
  return { current, verification, jwks: { keys: [...verification.values()].map((k) => k.jwk) } };
}

async function parsePreviousKeys(text: string | undefined): Promise<VerificationKey[]> {
  if (!text) return [];
  if (text.trim().startsWith('{')) {
    const jwks = JSON.parse(text) as { keys?: JWK[] };
    return Promise.all(
      (jwks.keys ?? []).map((jwk) =>
        describe(createPublicKey({ key: jwk as JsonWebKey, format: 'jwk' }), jwk.kid),
      ),
    );
  }
  const blocks = text.match(/-----BEGIN PUBLIC KEY-----[\s\S]+?-----END PUBLIC KEY-----/g) ?? [];
  if (blocks.length === 0)
    throw new Error('JWT_PREVIOUS_PUBLIC_KEYS holds neither PEM public keys nor a JWKS');
  return Promise.all(blocks.map((block) => describe(createPublicKey(block), undefined)));
}

/**
 * Development convenience: a key generated once and reused, so tokens survive restarts. It is
 * written 0600 under the data directory (git-ignored). config.ts refuses production without a
 * configured key, so this never runs there.
 */
function readOrCreateDevKey(file: string, warn: (message: string) => void): string {
  if (existsSync(file)) {
    warn(`no JWT_PRIVATE_KEY configured: using the development key at ${file}`);
    return readFileSync(file, 'utf8');
  }
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  const { privateKey } = generateKeyPairSync('ed25519');
  const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  writeFileSync(file, pem, { mode: 0o600 });
  chmodSync(file, 0o600);
  warn(
    `no JWT_PRIVATE_KEY configured: generated a development Ed25519 key at ${file} (never do this in production)`,
  );
  return pem;
}
