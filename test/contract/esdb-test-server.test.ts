import { afterAll } from 'vitest';
import { testServerStores } from '../support/esdb-test-server/stores.js';
import { describeEventStoreContract } from './event-store.contract.js';

const batchAppend = testServerStores({ batchAppend: true });
const append = testServerStores({ batchAppend: false });
afterAll(() => Promise.all([batchAppend.stop(), append.stop()]));

describeEventStoreContract('EventStoreDB adapter over the protocol test double, BatchAppend path', batchAppend.create);
describeEventStoreContract('EventStoreDB adapter over the protocol test double, Append path', append.create);
