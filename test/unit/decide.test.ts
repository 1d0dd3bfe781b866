/**
 * The unit decider (src/unit/decide.ts): a command becomes the event it records, or is refused
 * with CommandRejected { rule, reason }; an idempotent repeat records nothing.
 */
import { describe, expect, it } from 'vitest';
import { CommandRejected, isCommandRejected, type UnitCommand } from '../../src/index.js';
import {
  accepted,
  delivered,
  diagnosed,
  event,
  extended,
  fault,
  followedUp,
  loanerProvided,
  maintained,
  repaired,
  replaced,
  responded,
  restored,
  returnCompleted,
  returnInspected,
  returnRejected,
  returnRequested,
  sold,
  arrived,
} from '../support/events.js';
import { given } from '../support/given.js';

const U = 'U-1';
const sale = sold(U, '2025-01-01T09:00:00Z', 'standard-1y');
/** Sold and accepted 1 Jan 2025: standard-1y covers 2025-01-02 to 2026-01-01. */
const base = [sale, accepted(U, '2025-01-01T10:00:00Z')];

describe('what a command records', () => {
  it('one event: the command id as event id, the command time and data, no recordedAt (the store stamps it)', () => {
    const command: UnitCommand = {
      type: 'ReportFault',
      commandId: 'cmd-7',
      unitId: U,
      occurredAt: '2025-03-01T08:00:00Z',
      data: { faultId: 'F-1', component: 'unit', problemCode: 'no-power', severity: 'general', outOfService: true },
    };
    given(base)
      .when(command)
      .then([
        {
          id: 'cmd-7',
          type: 'FaultReported',
          unitId: U,
          occurredAt: '2025-03-01T08:00:00Z',
          data: { faultId: 'F-1', component: 'unit', problemCode: 'no-power', severity: 'general', outOfService: true },
        },
      ]);
  });

  it.each([
    ['RecordDelivery', () => delivered(U, '2025-01-02T09:00:00Z')],
    ['RecordAcceptance', () => accepted(U, '2025-01-03T09:00:00Z')],
    ['RecordMaintenance', () => maintained(U, '2025-04-01T09:00:00Z')],
    ['ExtendWarranty', () => extended(U, '2025-04-01T09:00:00Z', 12)],
  ])('%s records its event', (_name, build) => {
    const e = build();
    given(base).when(e).then([e]);
  });

  it('every fault command on a reported fault records its event', () => {
    const history = [...base, fault(U, '2025-03-01T08:00:00Z', 'F-1')];
    for (const e of [
      diagnosed(U, '2025-03-01T09:00:00Z', 'F-1', 'defect'),
      responded(U, '2025-03-01T09:00:00Z', 'F-1'),
      arrived(U, '2025-03-01T10:00:00Z', 'F-1'),
      repaired(U, '2025-03-01T11:00:00Z', 'F-1', 'fixed'),
      restored(U, '2025-03-01T11:00:00Z', 'F-1'),
      loanerProvided(U, '2025-03-01T12:00:00Z', 'F-1'),
    ]) {
      given(history).when(e).then([e]);
    }
  });
});

describe('rejections', () => {
  it('no sale: every command but RegisterSale is refused', () => {
    given([])
      .when(fault(U, '2025-03-01T08:00:00Z', 'F-1'))
      .thenRejects(CommandRejected, { rule: 'sale' });
    given([]).when(accepted(U, '2025-03-01T08:00:00Z')).thenRejects(CommandRejected, { rule: 'sale' });
    given([]).when(sale).then([sale]);
  });

  it('a second sale under another command id', () => {
    given(base)
      .when(sold(U, '2025-02-01T09:00:00Z', 'standard-1y'))
      .thenRejects(CommandRejected, { rule: 'sale' });
  });

  it('a duplicate fault id under another command id', () => {
    given([...base, fault(U, '2025-03-01T08:00:00Z', 'F-1')])
      .when(fault(U, '2025-03-02T08:00:00Z', 'F-1'))
      .thenRejects(CommandRejected, { rule: 'fault' });
  });

  it('an unknown fault', () => {
    for (const e of [
      diagnosed(U, '2025-03-01T09:00:00Z', 'F-9', 'defect'),
      responded(U, '2025-03-01T09:00:00Z', 'F-9'),
      arrived(U, '2025-03-01T09:00:00Z', 'F-9'),
      repaired(U, '2025-03-01T09:00:00Z', 'F-9', 'fixed'),
      restored(U, '2025-03-01T09:00:00Z', 'F-9'),
      loanerProvided(U, '2025-03-01T09:00:00Z', 'F-9'),
    ]) {
      given(base).when(e).thenRejects(CommandRejected, { rule: 'fault' });
    }
  });

  it('a replacement without an open replacement entitlement, unless goodwill', () => {
    given(base)
      .when(replaced(U, '2025-06-01T09:00:00Z', 'repeated-failure'))
      .thenRejects(CommandRejected, { rule: 'replacement-without-entitlement' });
    given(base)
      .when(replaced(U, '2025-06-01T09:00:00Z', 'downtime'))
      .thenRejects(CommandRejected, { rule: 'replacement-without-entitlement' });
    const goodwill = replaced(U, '2025-06-01T09:00:00Z', 'goodwill');
    given(base).when(goodwill).then([goodwill]);
  });

  it('a replacement with an entitlement open is recorded; once fulfilled, another is refused', () => {
    const history = [
      ...base,
      fault(U, '2025-02-01T08:00:00Z', 'F-1'),
      repaired(U, '2025-02-02T08:00:00Z', 'F-1', 'failed'),
      repaired(U, '2025-02-03T08:00:00Z', 'F-1', 'failed'),
      repaired(U, '2025-02-04T08:00:00Z', 'F-1', 'failed'),
    ];
    const swap = replaced(U, '2025-03-01T09:00:00Z', 'repeated-failure');
    given(history).when(swap).then([swap]);
    given([...history, swap])
      .when(replaced(U, '2025-04-01T09:00:00Z', 'repeated-failure'))
      .thenRejects(CommandRejected, { rule: 'replacement-without-entitlement' });
  });

  it('an unboxing defect entitles a replacement', () => {
    const swap = replaced(U, '2025-01-03T09:00:00Z', 'unboxing-defect');
    given([...base, fault(U, '2025-01-02T08:00:00Z', 'F-1', { atUnboxing: true })])
      .when(swap)
      .then([swap]);
  });

  describe('completing a return (project-3y, delivered 3 Mar 2025: requests up to 18 Mar)', () => {
    const project = [sold(U, '2025-03-01T09:00:00Z', 'project-3y'), delivered(U, '2025-03-03T10:00:00Z')];
    const ok = { intact: true, humanDamage: false };

    it('with a refund owed: recorded', () => {
      const done = returnCompleted(U, '2025-03-12T09:00:00Z', 'R-1');
      given([
        ...project,
        returnRequested(U, '2025-03-10T09:00:00Z', 'R-1', 'no-reason'),
        returnInspected(U, '2025-03-11T09:00:00Z', 'R-1', ok),
      ])
        .when(done)
        .then([done]);
    });

    it('requested outside the window: refund-outside-window', () => {
      given([
        ...project,
        returnRequested(U, '2025-03-19T09:00:00Z', 'R-1', 'no-reason'),
        returnInspected(U, '2025-03-19T10:00:00Z', 'R-1', ok),
      ])
        .when(returnCompleted(U, '2025-03-20T09:00:00Z', 'R-1'))
        .thenRejects(CommandRejected, { rule: 'refund-outside-window' });
    });

    it('within the window but not owed (human damage, not yet inspected, never requested): refund-without-entitlement', () => {
      const request = returnRequested(U, '2025-03-10T09:00:00Z', 'R-1', 'unusable');
      given([
        ...project,
        request,
        returnInspected(U, '2025-03-11T09:00:00Z', 'R-1', { intact: true, humanDamage: true }),
      ])
        .when(returnCompleted(U, '2025-03-12T09:00:00Z', 'R-1'))
        .thenRejects(CommandRejected, { rule: 'refund-without-entitlement' });
      given([...project, request])
        .when(returnCompleted(U, '2025-03-12T09:00:00Z', 'R-1'))
        .thenRejects(CommandRejected, { rule: 'refund-without-entitlement' });
      given(project)
        .when(returnCompleted(U, '2025-03-12T09:00:00Z', 'R-9'))
        .thenRejects(CommandRejected, { rule: 'refund-without-entitlement' });
    });

    it('under a policy without a returns rule: refund-without-entitlement', () => {
      given([
        ...base,
        returnRequested(U, '2025-01-03T09:00:00Z', 'R-1', 'no-reason'),
        returnInspected(U, '2025-01-03T10:00:00Z', 'R-1', ok),
      ])
        .when(returnCompleted(U, '2025-01-04T09:00:00Z', 'R-1'))
        .thenRejects(CommandRejected, { rule: 'refund-without-entitlement' });
    });

    it('inspecting or rejecting a return never requested', () => {
      given(project)
        .when(returnInspected(U, '2025-03-11T09:00:00Z', 'R-9', ok))
        .thenRejects(CommandRejected, { rule: 'returns' });
      given(project)
        .when(returnRejected(U, '2025-03-11T09:00:00Z', 'R-9'))
        .thenRejects(CommandRejected, { rule: 'returns' });
    });

    it('a second request under the same return id', () => {
      given([...project, returnRequested(U, '2025-03-10T09:00:00Z', 'R-1', 'no-reason')])
        .when(returnRequested(U, '2025-03-11T09:00:00Z', 'R-1', 'unusable'))
        .thenRejects(CommandRejected, { rule: 'returns' });
    });
  });

  describe('a charged repair', () => {
    const reported = [...base, fault(U, '2025-03-01T08:00:00Z', 'F-1')];

    it('of a covered fault reported within coverage: charged-while-covered', () => {
      given(reported)
        .when(repaired(U, '2025-03-02T08:00:00Z', 'F-1', 'fixed', { charged: 200 }))
        .thenRejects(CommandRejected, { rule: 'charged-while-covered' });
    });

    it('charging 0, or charging for an excluded cause: recorded', () => {
      const zero = repaired(U, '2025-03-02T08:00:00Z', 'F-1', 'fixed', { charged: 0 });
      given(reported).when(zero).then([zero]);
      const excluded = repaired(U, '2025-03-02T08:00:00Z', 'F-1', 'fixed', { charged: 200 });
      given([...reported, diagnosed(U, '2025-03-01T09:00:00Z', 'F-1', 'misuse')])
        .when(excluded)
        .then([excluded]);
    });

    it('of a fault reported after coverage ended: recorded', () => {
      const repair = repaired(U, '2026-02-02T08:00:00Z', 'F-1', 'fixed', { charged: 200 });
      given([...base, fault(U, '2026-02-01T08:00:00Z', 'F-1')])
        .when(repair)
        .then([repair]);
    });
  });

  describe('extending the warranty', () => {
    const ac = [sold(U, '2025-01-01T09:00:00Z', 'household-ac-6y'), accepted(U, '2025-01-01T10:00:00Z')];

    it('a lifetime line cannot be extended', () => {
      given(ac)
        .when(extended(U, '2025-06-01T09:00:00Z', 12, 'parts'))
        .thenRejects(CommandRejected, { rule: 'warranty-extension' });
    });

    it('a component with no line', () => {
      given(ac)
        .when(extended(U, '2025-06-01T09:00:00Z', 12, 'fan-motor'))
        .thenRejects(CommandRejected, { rule: 'warranty-extension' });
    });

    it('a component line with a term, or a part line of its own: recorded', () => {
      const compressor = extended(U, '2025-06-01T09:00:00Z', 12, 'compressor');
      given(ac).when(compressor).then([compressor]);
      const withPart = [
        ...base,
        fault(U, '2025-03-01T08:00:00Z', 'F-1'),
        repaired(U, '2025-03-02T08:00:00Z', 'F-1', 'fixed', { parts: ['fan-motor'] }),
      ];
      const fan = extended(U, '2025-06-01T09:00:00Z', 12, 'fan-motor');
      given(withPart).when(fan).then([fan]);
    });
  });

  it('a returned unit refuses everything but a follow-up', () => {
    const returned = [
      sold(U, '2025-03-01T09:00:00Z', 'project-3y'),
      delivered(U, '2025-03-03T10:00:00Z'),
      returnRequested(U, '2025-03-10T09:00:00Z', 'R-1', 'no-reason'),
      returnInspected(U, '2025-03-11T09:00:00Z', 'R-1', { intact: true, humanDamage: false }),
      returnCompleted(U, '2025-03-12T09:00:00Z', 'R-1'),
    ];
    given(returned)
      .when(fault(U, '2025-04-01T08:00:00Z', 'F-1'))
      .thenRejects(CommandRejected, { rule: 'returned' });
    given(returned)
      .when(replaced(U, '2025-04-01T08:00:00Z', 'goodwill'))
      .thenRejects(CommandRejected, { rule: 'returned' });
    given(returned)
      .when(extended(U, '2025-04-01T08:00:00Z', 12))
      .thenRejects(CommandRejected, { rule: 'returned' });
    const call = followedUp(U, '2025-04-01T08:00:00Z');
    given(returned).when(call).then([call]);
  });

  it('a rejection is a CommandRejected with a rule and a reason, recognised by its guard', () => {
    given([])
      .when(fault(U, '2025-03-01T08:00:00Z', 'F-1'))
      .thenRejects(CommandRejected, { rule: 'sale', reason: expect.any(String) as unknown as string });
    expect(isCommandRejected(new CommandRejected('sale', 'x'))).toBe(true);
    expect(isCommandRejected({ name: 'CommandRejected' })).toBe(true);
    expect(isCommandRejected(new Error('x'))).toBe(false);
  });
});

describe('idempotent repeats record nothing', () => {
  it('the same sale command again', () => {
    given(base).when(sale).thenNothing();
  });

  it('the same fault report again', () => {
    const report = fault(U, '2025-03-01T08:00:00Z', 'F-1');
    given([...base, report])
      .when(report)
      .thenNothing();
  });

  it('the same return request again', () => {
    const request = returnRequested(U, '2025-01-05T08:00:00Z', 'R-1', 'no-reason');
    given([...base, request])
      .when(request)
      .thenNothing();
  });

  it('the builder-made ids are unique, so the tests above are not repeats by accident', () => {
    const a = event('MaintenanceVisited', U, '2025-01-01T00:00:00Z', { kind: 'periodic' });
    const b = event('MaintenanceVisited', U, '2025-01-01T00:00:00Z', { kind: 'periodic' });
    expect(a.id).not.toBe(b.id);
  });
});
