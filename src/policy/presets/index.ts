/** The four presets of rulebook 14, as plain data. */
import { householdAc6y } from './household-ac-6y.js';
import { project3y } from './project-3y.js';
import { standard1y } from './standard-1y.js';
import { waterHeater5y } from './water-heater-5y.js';

export const PRESETS = [standard1y, householdAc6y, waterHeater5y, project3y] as const;
