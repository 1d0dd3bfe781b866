/** Rulebook 3 and fine print 1: when coverage starts. Policy standard-1y (unit 12 months, UTC). */
import { describe, expect, it } from 'vitest';
import { accepted, delivered, installed, sold } from '../support/events.js';
import { given, line } from '../support/given.js';

const U = 'U-1';

describe('coverage start (rulebook 3)', () => {
  it('starts the day after final acceptance, whatever completion and delivery say', () => {
    const history = [
      sold(U, '2025-01-10T09:00:00Z', 'standard-1y'),
      delivered(U, '2025-01-12T09:00:00Z'),
      installed(U, '2025-01-15T09:00:00Z'),
      accepted(U, '2025-01-20T16:00:00Z'),
    ];
    // [2025-01-21, 2026-01-21): the last covered date is 2026-01-20.
    expect(line(given(history).asOf('2025-06-01').view())).toEqual({
      component: 'unit',
      start: '2025-01-21',
      end: '2026-01-20',
      active: true,
    });
  });

  it('is pending on the day of acceptance and active the day after', () => {
    const history = [
      sold(U, '2025-01-10T09:00:00Z', 'standard-1y'),
      installed(U, '2025-01-15T09:00:00Z'),
      accepted(U, '2025-01-20T16:00:00Z'),
    ];
    const onTheDay = given(history).asOf('2025-01-20').view();
    expect(onTheDay.status).toBe('pending');
    expect(line(onTheDay)).toMatchObject({ start: '2025-01-21', active: false });
    const nextDay = given(history).asOf('2025-01-21').view();
    expect(nextDay.status).toBe('active');
    expect(line(nextDay)).toMatchObject({ start: '2025-01-21', active: true });
  });

  it('an acceptance at the last second of a day still starts coverage the next day', () => {
    const history = [sold(U, '2025-01-10T09:00:00Z', 'standard-1y'), accepted(U, '2025-01-20T23:59:59Z')];
    expect(line(given(history).asOf('2025-02-01').view()).start).toBe('2025-01-21');
  });

  it('before the acceptance occurs, the view shows the start the earlier events give', () => {
    const history = [
      sold(U, '2025-01-10T09:00:00Z', 'standard-1y'),
      installed(U, '2025-01-15T09:00:00Z'),
      accepted(U, '2025-01-20T16:00:00Z'),
    ];
    expect(line(given(history).asOf('2025-01-19').view())).toMatchObject({
      start: '2025-01-15',
      end: '2026-01-14',
      active: true,
    });
  });

  it('without acceptance, starts on the completion date', () => {
    const history = [
      sold(U, '2025-02-20T09:00:00Z', 'standard-1y'),
      delivered(U, '2025-02-22T09:00:00Z'),
      installed(U, '2025-02-28T10:00:00Z'),
    ];
    expect(line(given(history).asOf('2025-06-01').view())).toMatchObject({ start: '2025-02-28', end: '2026-02-27' });
  });

  it('without acceptance or completion, starts on the delivery date', () => {
    const history = [sold(U, '2025-03-01T09:00:00Z', 'standard-1y'), delivered(U, '2025-03-04T15:00:00Z')];
    expect(line(given(history).asOf('2025-06-01').view())).toMatchObject({ start: '2025-03-04', end: '2026-03-03' });
  });

  it('with only a sale, starts on the sale date', () => {
    const history = [sold(U, '2025-03-01T09:00:00Z', 'standard-1y')];
    // 1 Mar 2025 + 12 months = 1 Mar 2026: the last covered date is 28 Feb 2026.
    expect(line(given(history).asOf('2025-06-01').view())).toMatchObject({ start: '2025-03-01', end: '2026-02-28' });
  });

  it('acceptance comes first in the chain even when it predates the completion', () => {
    const history = [
      sold(U, '2025-01-05T09:00:00Z', 'standard-1y'),
      accepted(U, '2025-01-12T09:00:00Z'),
      installed(U, '2025-01-15T09:00:00Z'),
    ];
    expect(line(given(history).asOf('2025-06-01').view()).start).toBe('2025-01-13');
  });
});

describe('several start events (fine print 1): the latest by occurredAt counts', () => {
  it('two acceptances, listed latest first: the later one counts', () => {
    const history = [
      sold(U, '2025-01-10T09:00:00Z', 'standard-1y'),
      accepted(U, '2025-02-05T09:00:00Z'),
      accepted(U, '2025-01-20T09:00:00Z'),
    ];
    expect(line(given(history).asOf('2025-06-01').view())).toMatchObject({ start: '2025-02-06', end: '2026-02-05' });
  });

  it('two completions: the later one counts', () => {
    const history = [
      sold(U, '2025-01-10T09:00:00Z', 'standard-1y'),
      installed(U, '2025-01-25T09:00:00Z'),
      installed(U, '2025-01-15T09:00:00Z'),
    ];
    expect(line(given(history).asOf('2025-06-01').view()).start).toBe('2025-01-25');
  });

  it('two deliveries: the later one counts', () => {
    const history = [
      sold(U, '2025-01-10T09:00:00Z', 'standard-1y'),
      delivered(U, '2025-01-18T09:00:00Z'),
      delivered(U, '2025-01-12T09:00:00Z'),
    ];
    expect(line(given(history).asOf('2025-06-01').view()).start).toBe('2025-01-18');
  });

  it('a second acceptance that has not occurred yet by the as-of date does not count', () => {
    const history = [
      sold(U, '2025-01-10T09:00:00Z', 'standard-1y'),
      accepted(U, '2025-01-20T09:00:00Z'),
      accepted(U, '2025-02-05T09:00:00Z'),
    ];
    expect(line(given(history).asOf('2025-02-01').view()).start).toBe('2025-01-21');
  });
});
