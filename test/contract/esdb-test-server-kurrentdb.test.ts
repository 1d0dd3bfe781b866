/** The store contracts over the protocol test double, through @kurrent/kurrentdb-client. */
import { describeEsdbContracts } from './esdb-contracts.js';

describeEsdbContracts('kurrentdb');
