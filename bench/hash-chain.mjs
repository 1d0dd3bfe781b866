// The hash chain with the core's portable SHA-256 (@noble/hashes, the default) against node:crypto's
// (`nodeSha256` from warranty-ledger/node, the CLI's): sealing N events into a memory store through
// withHashChain (one append per unit) and verifying them (verifyChains), best CPU time of a few
// rounds, as a ratio. `node bench/hash-chain.mjs [--events N]` prints the figures as JSON.
import { settle, round } from './measure.mjs';

/** Best CPU time (ms) of `rounds` runs of the async `fn`, each after a collection. */
async function bestCpuMs(fn, rounds) {
  let best = Infinity;
  for (let r = 0; r < rounds; r++) {
    settle();
    const cpu = process.cpuUsage();
    await fn();
    const used = process.cpuUsage(cpu);
    best = Math.min(best, (used.user + used.system) / 1000);
  }
  return best;
}

async function seal(lib, byUnit, hash) {
  const store = lib.withHashChain(lib.createMemoryStore(), hash ? { hash } : {});
  for (const [unitId, events] of byUnit) await store.append(unitId, events);
  const sealed = [];
  for await (const r of store.readAll()) sealed.push(r.event);
  return sealed;
}

/** Sealing and verifying `events` (unsealed) with each SHA-256; ratio > 1 means node:crypto is faster. */
export async function measureHashChain(lib, nodeLib, events, rounds = 3) {
  const byUnit = new Map();
  for (const e of events) (byUnit.get(e.unitId) ?? byUnit.set(e.unitId, []).get(e.unitId)).push(e);
  const sealed = await seal(lib, byUnit);
  const again = await seal(lib, byUnit, nodeLib.nodeSha256);
  if (sealed.some((e, i) => e.hash !== again[i].hash))
    throw new Error('the portable and the node:crypto SHA-256 sealed different chains');
  const streams = lib.streamsOf(sealed);
  const verify = (hash) => {
    const report = lib.verifyChains(streams, { requireSeals: true, ...(hash ? { hash } : {}) });
    if (!report.ok || report.sealed !== events.length) throw new Error('the sealed fleet does not verify');
  };
  const ms = {
    sealPortable: await bestCpuMs(() => seal(lib, byUnit), rounds),
    sealNode: await bestCpuMs(() => seal(lib, byUnit, nodeLib.nodeSha256), rounds),
    verifyPortable: await bestCpuMs(async () => verify(), rounds),
    verifyNode: await bestCpuMs(async () => verify(nodeLib.nodeSha256), rounds),
  };
  return {
    events: events.length,
    ms: Object.fromEntries(Object.entries(ms).map(([k, v]) => [k, round(v, 0)])),
    // How many times faster node:crypto is: portable time / node time.
    sealRatio: round(ms.sealPortable / ms.sealNode),
    verifyRatio: round(ms.verifyPortable / ms.verifyNode),
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { generateFleet } = await import('./generate.mjs');
  const args = process.argv.slice(2);
  const count = args.includes('--events') ? Number(args[args.indexOf('--events') + 1]) : 100_000;
  const lib = await import('../dist/index.js');
  const nodeLib = await import('../dist/node.js');
  const { events } = lib.parseJsonl(generateFleet({ events: count, seed: 7 }).text);
  process.stdout.write(`${JSON.stringify(await measureHashChain(lib, nodeLib, events))}\n`);
}
