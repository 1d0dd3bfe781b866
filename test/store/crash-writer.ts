/**
 * The child process of the crash test: appends to a file store in a loop and prints each event id
 * on stdout only after its append resolved (was fsynced). The test kills it with SIGKILL.
 */
import type { UnitEvent } from '../../src/events/envelope.js';
import { openFileStore } from '../../src/store/file/file-store.js';

const path = process.argv[2]!;
// A short stale age, so that the test can reopen the store soon after killing this writer.
const store = await openFileStore(path, { lockStaleMs: 300 });
for (let i = 0; ; i++) {
  const unitId = `U-${i % 7}`;
  const size = i % 5 === 0 ? 3 : 1;
  const events: UnitEvent[] = Array.from({ length: size }, (_, k) => {
    const at = new Date(Date.UTC(2025, 0, 1, 0, i, k)).toISOString();
    return {
      id: `${process.pid}-${i}-${k}`,
      type: 'MaintenanceVisited',
      unitId,
      occurredAt: at,
      recordedAt: at,
      data: { kind: 'periodic' },
    };
  });
  await store.append(unitId, events);
  process.stdout.write(`${events.map((e) => e.id).join('\n')}\n`);
}
