/** Faults injected by the double, through @eventstore/db-client (v6). */
import { describeEsdbFaults } from './esdb-faults.js';

describeEsdbFaults('db-client');
