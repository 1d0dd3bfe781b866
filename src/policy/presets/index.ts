/** The four seller presets of rulebook 14 and the statutory presets of rulebook 16, as plain data. */
import { cnSanbao1995 } from './cn-sanbao-1995.js';
import { householdAc6y } from './household-ac-6y.js';
import { project3y } from './project-3y.js';
import { standard1y } from './standard-1y.js';
import { waterHeater5y } from './water-heater-5y.js';

export const PRESETS = [standard1y, householdAc6y, waterHeater5y, project3y, cnSanbao1995] as const;
