/**
 * The SHA-256 the hash chain uses: of a string's UTF-8 bytes, as lowercase hex. The default is
 * `@noble/hashes` (plain JavaScript, so the core runs in any runtime); `warranty-ledger/node` has
 * `nodeSha256` (node:crypto, faster) to pass as the `hash` option. Both give the same digests.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';

/** SHA-256 of `text` (UTF-8), as 64 lowercase hex digits. */
export type Sha256 = (text: string) => string;

/** The portable SHA-256 (no `node:*`): the default of every chain function. */
export const portableSha256: Sha256 = (text) => bytesToHex(sha256(utf8ToBytes(text)));
