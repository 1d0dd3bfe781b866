/** The CLI's version: package.json's, read at build time (the bundler inlines this one field). */
import { version } from '../../package.json';

export const VERSION: string = version;
