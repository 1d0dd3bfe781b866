/** Every store contract over the in-process test double, for one client package (one per process: see protocol.ts). */
import { afterAll, describe } from 'vitest';
import { freshPrefix, testServerStores, type ClientKind } from '../support/esdb-test-server/stores.js';
import { describeEventStoreContract } from './event-store.contract.js';
import { describeTenantContract } from './tenant.contract.js';

export function describeEsdbContracts(client: ClientKind): void {
  describe(`with ${client}`, () => {
    const batchAppend = testServerStores({ batchAppend: true, client });
    const append = testServerStores({ batchAppend: false, client });
    afterAll(() => Promise.all([batchAppend.stop(), append.stop()]));

    describeEventStoreContract(`EventStoreDB adapter (${client}) over the test double, BatchAppend path`, () =>
      batchAppend.create(),
    );
    describeEventStoreContract(`EventStoreDB adapter (${client}) over the test double, Append path`, () =>
      append.create(),
    );
    describeEventStoreContract(`EventStoreDB adapter (${client}) over the test double, category mode`, () =>
      batchAppend.create({ mode: 'category' }),
    );
    describeTenantContract(
      `EventStoreDB adapter (${client}) over the test double`,
      (options) => batchAppend.create(options),
      () => freshPrefix().slice(0, -1),
    );
  });
}
