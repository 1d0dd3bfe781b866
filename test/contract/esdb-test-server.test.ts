/** The store contracts over the protocol test double, through @eventstore/db-client (v6). */
import { describeEsdbContracts } from './esdb-contracts.js';

describeEsdbContracts('db-client');
