/**
 * warranty-ledger/node: what needs Node (node:fs, node:crypto). The durable file store and its
 * checkpoints, evidence bundles as folders, Ed25519 key files, and `nodeSha256` (node:crypto's
 * SHA-256 for the hash chain's `hash` option). Everything else is in the core, `warranty-ledger`,
 * which runs in any JavaScript runtime; this entry shares the core's error classes.
 * @example
 * import { createLedger } from 'warranty-ledger';
 * import { nodeSha256, openFileStore } from 'warranty-ledger/node';
 * const ledger = createLedger({ store: await openFileStore('ledger.jsonl'), hash: nodeSha256 });
 */
export { openFileStore, type FileStore, type FileStoreOptions } from './store/file/file-store.js';
export type { FileStoreRecovery } from './store/file/store-file.js';
export { StoreLockedError, isStoreLockedError } from './store/file/file-lock.js';
export { createFileCheckpointStore } from './store/file/file-checkpoints.js';
export { nodeSha256 } from './node/sha256.js';

/** Evidence bundles: built from a unit's events, written to a folder and verified from it. */
export { buildBundle, bundleFrom, type Bundle, type BundleInput, type Manifest } from './evidence/bundle.js';
export { writeBundle, verifyBundle, sha256, type Verification, type VerifyBundleOptions } from './evidence/files.js';
/** What `writeBundle` throws for a folder it cannot or must not write (not empty, a link, a missing parent). */
export { OutputError } from './evidence/write-files.js';
export { readPrivateKey, readPublicKey } from './signing/ed25519.js';
