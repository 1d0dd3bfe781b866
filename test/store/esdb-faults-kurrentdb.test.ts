/** Faults injected by the double, through @kurrent/kurrentdb-client. */
import { describeEsdbFaults } from './esdb-faults.js';

describeEsdbFaults('kurrentdb');
