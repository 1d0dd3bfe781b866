/**
 * Fault injection: failures the real server cannot produce on demand. Each switch arms a fault for
 * the next calls of one kind and is consumed as those calls happen.
 */

/** The faults a test can arm. */
export interface Faults {
  /** The next `count` appends (Append or BatchAppend) are committed, but their reply is lost (UNAVAILABLE). */
  loseAppendReplies(count?: number): void;
  /** The next read (of a stream or of `$all`, not a subscription) sends `events` events, then fails with UNAVAILABLE. */
  failReadAfter(events: number): void;
  /** The next subscription sends `events` events, then is dropped with UNAVAILABLE (or, with `reset`, INTERNAL: RST_STREAM, as a proxy resetting the HTTP/2 stream gives). */
  dropSubscriptionAfter(events: number, how?: 'unavailable' | 'reset'): void;
  /** The next `count` calls of any kind fail with UNAVAILABLE before doing anything. */
  refuseCalls(count?: number): void;
  /** After the next `successes` appends, the `count` appends that follow are refused (UNAVAILABLE): a writer cut off mid-way. */
  refuseAppendsAfter(successes: number, count: number): void;
}

/** The server's side of the switches: each `take…` consumes an armed fault. */
export interface FaultState extends Faults {
  takeLostReply(): boolean;
  takeReadFailure(): number | undefined;
  takeSubscriptionDrop(): { after: number; how: 'unavailable' | 'reset' } | undefined;
  takeRefusal(): boolean;
  /** Called for each append: true when it is to be refused. */
  takeAppendRefusal(): boolean;
  /** How many faults have fired so far, by kind (the server counts read failures and drops when they happen). */
  readonly fired: { lostReplies: number; readFailures: number; subscriptionDrops: number; refusals: number };
}

export function createFaults(): FaultState {
  let lostReplies = 0;
  let refusals = 0;
  const readFailures: number[] = [];
  const subscriptionDrops: { after: number; how: 'unavailable' | 'reset' }[] = [];
  const fired = { lostReplies: 0, readFailures: 0, subscriptionDrops: 0, refusals: 0 };
  let appendsToLet = 0;
  let appendsToRefuse = 0;
  return {
    fired,
    loseAppendReplies: (count = 1) => void (lostReplies += count),
    failReadAfter: (events) => void readFailures.push(events),
    dropSubscriptionAfter: (events, how = 'unavailable') => void subscriptionDrops.push({ after: events, how }),
    refuseCalls: (count = 1) => void (refusals += count),
    refuseAppendsAfter(successes, count) {
      appendsToLet = successes;
      appendsToRefuse = count;
    },
    takeAppendRefusal() {
      if (appendsToRefuse === 0) return false;
      if (appendsToLet > 0) {
        appendsToLet--;
        return false;
      }
      appendsToRefuse--;
      fired.refusals++;
      return true;
    },
    takeLostReply() {
      if (lostReplies === 0) return false;
      lostReplies--;
      fired.lostReplies++;
      return true;
    },
    takeReadFailure: () => readFailures.shift(),
    takeSubscriptionDrop: () => subscriptionDrops.shift(),
    takeRefusal() {
      if (refusals === 0) return false;
      refusals--;
      fired.refusals++;
      return true;
    },
  };
}

/** The gRPC error a fault answers with: the server unavailable, as when a node goes down. */
export const unavailable = (what: string) => ({ code: 14, details: `esdb test double: ${what}` });

/** A reset HTTP/2 stream, as grpc-js reports it: INTERNAL with RST_STREAM in the details. */
export const streamReset = () => ({ code: 13, details: 'Received RST_STREAM with code 2 (Internal server error)' });
