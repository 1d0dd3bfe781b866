import { createMemoryStore } from '../../src/store/memory/memory-store.js';
import { describeEventStoreContract } from './event-store.contract.js';

describeEventStoreContract('in-memory', () => createMemoryStore());
