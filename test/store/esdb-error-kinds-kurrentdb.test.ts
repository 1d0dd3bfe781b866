/** Client errors by kind, through @kurrent/kurrentdb-client. */
import { describeErrorKinds } from './esdb-error-kinds.js';

describeErrorKinds('kurrentdb');
