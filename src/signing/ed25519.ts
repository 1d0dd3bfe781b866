/**
 * Ed25519 signatures over canonical bytes (anchors and evidence manifests), with keys as PEM files:
 * a PKCS #8 private key signs, an SPKI public key verifies. `keyId` names a key by the SHA-256 of
 * its public key, so a verifier can tell a wrong key from a wrong signature.
 */
import { createHash, createPrivateKey, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { InputError } from '../errors.js';

export interface Signature {
  readonly algorithm: 'ed25519';
  /** The first 16 hex digits of the SHA-256 of the signer's public key (SPKI DER). */
  readonly keyId: string;
  /** Base64 of the 64-byte signature. */
  readonly value: string;
}

const keyIdOf = (publicKey: KeyObject): string =>
  createHash('sha256')
    .update(publicKey.export({ type: 'spki', format: 'der' }))
    .digest('hex')
    .slice(0, 16);

function readKey(path: string, kind: 'private' | 'public'): KeyObject {
  let pem: string;
  try {
    pem = readFileSync(path, 'utf8');
  } catch (error) {
    throw new InputError(
      undefined,
      '',
      `cannot read ${kind} key ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
    );
  }
  let key: KeyObject;
  try {
    key = kind === 'private' ? createPrivateKey(pem) : createPublicKey(pem);
  } catch {
    throw new InputError(
      undefined,
      '',
      `${path}: not a PEM ${kind === 'private' ? 'PKCS #8 private' : 'SPKI public'} key`,
    );
  }
  if (key.asymmetricKeyType !== 'ed25519')
    throw new InputError(
      undefined,
      '',
      `${path}: an ${key.asymmetricKeyType ?? 'unknown'} key; an Ed25519 key is needed`,
    );
  return key;
}

/** Reads an Ed25519 private key (PKCS #8 PEM) for signing; a file that is not one is an InputError naming it. */
export const readPrivateKey = (path: string): KeyObject => readKey(path, 'private');
/** Reads an Ed25519 public key (SPKI PEM) for checking signatures; a file that is not one is an InputError naming it. */
export const readPublicKey = (path: string): KeyObject => readKey(path, 'public');

export function signBytes(bytes: string, privateKey: KeyObject): Signature {
  return {
    algorithm: 'ed25519',
    keyId: keyIdOf(createPublicKey(privateKey)),
    value: sign(null, Buffer.from(bytes, 'utf8'), privateKey).toString('base64'),
  };
}

/** Why a signature does not hold, or null when it does. */
export function checkSignature(bytes: string, signature: Signature, publicKey: KeyObject): string | null {
  const keyId = keyIdOf(publicKey);
  if (signature.keyId !== keyId) return `signed with key ${signature.keyId}, not with the given key ${keyId}`;
  const raw = Buffer.from(signature.value, 'base64');
  if (raw.length !== 64 || !verify(null, Buffer.from(bytes, 'utf8'), publicKey, raw))
    return 'the signature does not match: the signed content was changed';
  return null;
}
