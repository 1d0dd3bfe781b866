/** The adapter's production promises through @kurrent/kurrentdb-client. */
import { describeEsdbBehaviour } from './esdb-behaviour.js';

describeEsdbBehaviour('kurrentdb');
