/** The replace-only-line exchange (rulebook 4, fine print 21) in explain, the timeline page and the fleet view, like every other entitlement. */
import { describe, expect, it } from 'vitest';
import { explainUnit, fleetView, timelineData, timelineHtml } from '../../src/index.js';
import { cli, scenarioEvents, scenarioFile } from './support.js';

const events = scenarioEvents('10-replace-only-tank');

describe('replace-only-line in the tools', () => {
  it('explain gives its rule, section, component, fault, events and reasoning', () => {
    const e = explainUnit(events, 'U-1', { asOf: '2031-05-10' })!;
    const open = e.entitlements.find((f) => f.faultId === 'F-2')!;
    expect(open).toMatchObject({
      kind: 'replacement',
      rule: 'replace-only-line',
      section: '4, fine print 21',
      component: 'tank',
      status: 'open',
    });
    expect(open.events.map((r) => r.id)).toEqual(['e10-5']);
    expect(open.reasoning.join('\n')).toContain('the tank line grants replacement only');
    expect(open.reasoning.join('\n')).toContain('e10-6');
    const done = e.entitlements.find((f) => f.faultId === 'F-1')!;
    expect(done.fulfilledBy?.id).toBe('e10-4');
  });

  it('the explain text names the component', async () => {
    const out = await cli(['explain', scenarioFile('10-replace-only-tank'), '--unit', 'U-1', '--as-of', '2031-05-10']);
    expect(out.code).toBe(0);
    expect(out.stdout).toContain('replacement of the tank (F-2) OPEN');
    expect(out.stdout).toContain('rule replace-only-line, rulebook section 4, fine print 21');
  });

  it('the timeline page flags it with its component and rule', () => {
    const html = timelineHtml(timelineData(events, 'U-1', { asOf: '2031-05-10' })!);
    expect(html).toContain('owed: replacement of the tank for F-2: open');
    expect(html).toContain('rule replace-only-line, rulebook 4, fine print 21; events e10-5');
  });

  it('the fleet view lists it as an open entitlement with its component', () => {
    const f = fleetView(events, { asOf: '2031-05-10' });
    expect(f.openEntitlements).toEqual([
      {
        unitId: 'U-1',
        kind: 'replacement',
        rule: 'replace-only-line',
        faultId: 'F-2',
        component: 'tank',
        eventIds: ['e10-5'],
        // Arose at the first repair (e10-6), eight days before the as-of date.
        since: '2031-05-02',
        ageDays: 8,
      },
    ]);
  });
});

describe('replace-only-line in the state table', () => {
  it('names the component to exchange', async () => {
    const out = await cli(['state', scenarioFile('10-replace-only-tank'), '--as-of', '2031-05-10']);
    expect(out.code).toBe(0);
    expect(out.stdout).toContain('replacement of the tank (F-2) OPEN  because replace-only-line: e10-5');
  });
});
