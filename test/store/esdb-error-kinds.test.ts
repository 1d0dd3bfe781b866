/** Client errors by kind, through @eventstore/db-client (v6). */
import { describeErrorKinds } from './esdb-error-kinds.js';

describeErrorKinds('db-client');
