/**
 * Commands for the reliability tests, built short: `sale('U-1', 'c-1', 0)`, `fault('U-1', 'c-2',
 * 'F-1', 'noisy', 30)`. The last argument is minutes after 2025-01-01T00:00Z (business time).
 */
import type { UnitCommand } from '../../../src/index.js';

const T0 = Date.UTC(2025, 0, 1);

/** An instant `minutes` after 2025-01-01T00:00Z. */
export const at = (minutes: number): string => new Date(T0 + minutes * 60_000).toISOString();

export const sale = (unitId: string, commandId: string, minutes: number): UnitCommand => ({
  type: 'RegisterSale',
  commandId,
  unitId,
  occurredAt: at(minutes),
  data: {
    serialNumber: `SN-${unitId}`,
    brand: 'Acme',
    model: 'M1',
    customerId: `C-${unitId}`,
    policyId: 'standard-1y',
  },
});

export const fault = (
  unitId: string,
  commandId: string,
  faultId: string,
  problemCode: string,
  minutes: number,
): UnitCommand => ({
  type: 'ReportFault',
  commandId,
  unitId,
  occurredAt: at(minutes),
  data: { faultId, component: 'unit', problemCode, severity: 'general', outOfService: false },
});

export const repair = (
  unitId: string,
  commandId: string,
  faultId: string,
  outcome: 'fixed' | 'failed',
  minutes: number,
): UnitCommand => ({
  type: 'RecordRepair',
  commandId,
  unitId,
  occurredAt: at(minutes),
  data: { faultId, outcome },
});

export const replace = (
  unitId: string,
  commandId: string,
  reason: 'repeated-failure' | 'goodwill',
  minutes: number,
): UnitCommand => ({
  type: 'ReplaceUnit',
  commandId,
  unitId,
  occurredAt: at(minutes),
  data: { newSerialNumber: `SN-${unitId}-${commandId}`, reason },
});

export const maintenance = (unitId: string, commandId: string, minutes: number): UnitCommand => ({
  type: 'RecordMaintenance',
  commandId,
  unitId,
  occurredAt: at(minutes),
  data: { kind: 'periodic' },
});

/**
 * A clock that moves one second each time it is read: every append gets its own `recordedAt`. It
 * starts a year after 2025-01-01 by default, after the business time of every command here: a
 * command may not occur later than the recording clock.
 */
export function tickingClock(fromMinutes = 365 * 24 * 60): () => Date {
  let ms = T0 + fromMinutes * 60_000;
  return () => new Date((ms += 1_000));
}
