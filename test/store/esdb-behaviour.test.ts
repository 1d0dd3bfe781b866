/** The adapter's production promises through @eventstore/db-client (v6). */
import { describeEsdbBehaviour } from './esdb-behaviour.js';

describeEsdbBehaviour('db-client');
