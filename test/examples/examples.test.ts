import { describe, expect, it } from 'vitest';
import { main as demo } from '../../examples/demo.js';
import { main as serviceDesk } from '../../examples/service-desk.js';
import { main as statutoryFloor } from '../../examples/statutory-floor.js';

describe('examples', () => {
  it('the demo tells the story up to the replacement its three failed repairs entitle', async () => {
    const lines: string[] = [];
    const view = await demo((line) => lines.push(line));
    expect(lines[0]).toContain('AC-1001');
    expect(
      lines.some((l) => l.includes('owed: replacement (open) because repeated-failure: demo-5 demo-8 demo-9')),
    ).toBe(true);
    expect(view.status).toBe('active');
    expect(view.serialNumber).toBe('SN-9902');
    expect(view.coverage).toEqual([{ component: 'unit', start: '2025-06-10', end: '2026-06-09', active: true }]);
    expect(view.entitlements).toMatchObject([{ kind: 'replacement', status: 'fulfilled' }]);
  });

  it('the service desk is refused what the rules forbid and stores a retried command once', async () => {
    const lines: string[] = [];
    const { view, events } = await serviceDesk((line) => lines.push(line));
    expect(lines).toContain('sd-4 RecordResponse: already recorded, nothing stored');
    expect(lines.some((l) => l.startsWith('sd-6 RecordRepair: refused by charged-while-covered'))).toBe(true);
    expect(lines.some((l) => l.startsWith('sd-9 ReplaceUnit: refused by replacement-without-entitlement'))).toBe(true);
    expect(events.filter((e) => e.id === 'sd-4')).toHaveLength(1);
    expect(events.map((e) => e.id)).not.toContain('sd-6');
    // Urgent: respond within 10 min; responded after 20 min. Resolution counts from arrival: 90 min <= 120.
    expect(view.slaBreaches).toEqual([{ faultId: 'F-1', measure: 'response', limitMinutes: 10, actualMinutes: 20 }]);
    expect(view.coverage[0]).toMatchObject({ component: 'unit', start: '2025-03-03', end: '2028-03-02', active: true });
  });

  it("the statutory floor owes what the seller does not: exchange or refund after two repairs, and the first week's choice", () => {
    const lines: string[] = [];
    const { seller, statute } = statutoryFloor((line) => lines.push(line));
    expect(seller.entitlements).toEqual([]);
    expect(statute.entitlements).toMatchObject([
      { kind: 'replacement', status: 'open', faultId: 'F-1', choices: ['refund', 'replacement', 'repair'] },
      { kind: 'replacement', status: 'open', choices: ['replacement', 'refund'] },
    ]);
    expect(lines).toContain(
      "  replacement (open), the buyer's choice of replacement / refund because repeated-failure: floor-3 floor-5",
    );
  });
});
