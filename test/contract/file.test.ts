import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openFileStore } from '../../src/store/file/file-store.js';
import { describeEventStoreContract } from './event-store.contract.js';

describeEventStoreContract('file', () =>
  openFileStore(join(mkdtempSync(join(tmpdir(), 'wl-contract-')), 'ledger.jsonl')),
);
