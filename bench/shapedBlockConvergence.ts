/**
 * The larger confirmation of the shaped Transformer block's convergence in law (issue 15 §2;
 * src/archs/shapedtx/convergence.test.ts is sized for 20 s and runs T = 0.25 only): block networks
 * (exact chain, m = 3 tokens, defaults γ₁² = γ₂² = 1/2, τ₀ = 1, c₊ = 0, c₋ = −1) against the block
 * SDE (B3) at T (default 1), with many more networks and paths. Prints W1 ± bootstrap SE per width,
 * the log-log slope ± SE, and the last width's mean and sd against the SDE's.
 *
 * Run: node bin/run-ts.mjs bench/shapedBlockConvergence.ts [T] [M] [paths] [widths, comma-separated]
 *      (defaults 1, 20 000, 20 000, 8,16,32,64)
 */
import { blockConvergenceInLaw } from '../src/archs/shapedtx/convergence.ts';
import { lawWithErrors } from '../src/archs/attention/lawStats.ts';

const T = Number(process.argv[2] ?? 1);
const M = Number(process.argv[3] ?? 20000);
const paths = Number(process.argv[4] ?? 20000);
const widths = (process.argv[5] ?? '8,16,32,64').split(',').map(Number);
const base = { attention: { kind: 'shapedattn' as const, m: 3, n: 0, nk: 0, L: 0, gamma2: 0.5, tau0: 1, q1: 1, q2: 1, rho0: 0.2, seed: 2027 }, gamma2m: 0.5, cp: 0, cm: -1 };
const t0 = Date.now();
const res = blockConvergenceInLaw(base, { T, widths, M: widths.map(() => M), paths, dt: 1 / 256, stopAt: 10, bootstrap: 20 });
console.log(`T = ${T}: M = ${M} networks per width, ${paths} SDE paths (dt = 1/256; ${res.sdeStopped} stopped at R), ${((Date.now() - t0) / 1000).toFixed(0)} s`);
for (const p of res.points) console.log(`  n = ${String(p.n).padStart(3)}  L = ${String(p.L).padStart(3)}  W1 = ${p.w1.toFixed(4)} ± ${p.w1Se.toFixed(4)}`);
console.log(`  log-log slope of W1: ${res.slope.toFixed(3)} ± ${res.slopeSe.toFixed(3)}`);
const last = res.points[res.points.length - 1];
const net = lawWithErrors(last.sample);
const sde = lawWithErrors(res.sde);
for (const k of ['mean', 'sd'] as const) {
  const z = (net.stats[k] - sde.stats[k]) / Math.hypot(net.se[k], sde.se[k]);
  console.log(`  n = ${last.n} ${k}: networks ${net.stats[k].toFixed(4)} ± ${net.se[k].toFixed(4)}, SDE ${sde.stats[k].toFixed(4)} ± ${sde.se[k].toFixed(4)}, z = ${z.toFixed(2)}`);
}
