/** The adapter's production promises through @kurrent/kurrentdb-client, and a KurrentDBClient made by the caller. */
import { KurrentDBClient } from '@kurrent/kurrentdb-client';
import { afterAll, expect, it } from 'vitest';
import { createEventStoreDbStore } from '../../src/store/eventstoredb/eventstoredb-store.js';
import { freshUnitId, idsOf, visits } from '../contract/helpers.js';
import { startEsdbTestServer } from '../support/esdb-test-server/index.js';
import { connectionStringFor, freshPrefix } from '../support/esdb-test-server/stores.js';
import { describeEsdbBehaviour } from './esdb-behaviour.js';

describeEsdbBehaviour('kurrentdb');

const server = startEsdbTestServer({ protocol: 'kurrentdb' });
afterAll(async () => (await server).stop());

it('takes a KurrentDBClient the caller made (and leaves it to the caller to dispose of)', async () => {
  const client = KurrentDBClient.connectionString(connectionStringFor((await server).connectionString, 'kurrentdb'));
  const store = createEventStoreDbStore(client, { streamPrefix: freshPrefix() });
  const unit = freshUnitId();
  await store.append(unit, visits(unit, 0, 2), { expectedRevision: 'no-stream' });
  expect(idsOf(await store.readStream(unit))).toEqual(visits(unit, 0, 2).map((e) => e.id));
  await store.close();
  expect(await client.readStream(`${store.streamPrefix}${unit}`).next()).toMatchObject({ done: false });
  await client.dispose();
});
