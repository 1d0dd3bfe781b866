/** node:crypto's SHA-256, giving the same digests as the core's portable one, about three times faster (`npm run bench`). */
import { createHash } from 'node:crypto';
import type { Sha256 } from '../store/sha256.js';

/**
 * SHA-256 through node:crypto, for the `hash` option of `withHashChain`, `verifyChains` and `createLedger`.
 * @example const ledger = createLedger({ store: await openFileStore('ledger.jsonl'), hash: nodeSha256 });
 */
export const nodeSha256: Sha256 = (text) => createHash('sha256').update(text, 'utf8').digest('hex');
