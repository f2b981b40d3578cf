/**
 * The larger confirmation of the convergence-in-law acceptance test (issue 15 §2;
 * src/archs/attention/convergenceT*.test.ts are sized for 20 s): finite shaped-attention networks
 * (m = 3 tokens, the fixture's constants) against the token-covariance SDE at T = 0.25 and 1, with
 * many more networks and paths. Prints, per T, W1 ± bootstrap SE per width, the log-log slope ± SE,
 * and the n = 256 mean and sd against the SDE's.
 *
 * Run: node bin/run-ts.mjs bench/attentionConvergence.ts [M] [paths]   (default 20 000 and 30 000)
 */
import { convergenceInLaw } from '../src/archs/attention/convergence.ts';
import { lawWithErrors } from '../src/archs/attention/lawStats.ts';

const M = Number(process.argv[2] ?? 20000);
const paths = Number(process.argv[3] ?? 30000);
const base = { m: 3, gamma2: 0.5, tau0: 1, q1: 1, q2: 1, rho0: 0.2, seed: 2026 };
for (const T of [0.25, 1]) {
  const t0 = Date.now();
  const res = convergenceInLaw(base, { T, widths: [8, 16, 32, 64, 128, 256], M, paths, dt: 1 / 256, stopAt: 10, bootstrap: 20 });
  console.log(`T = ${T}: M = ${M} networks per width, ${paths} SDE paths (dt = 1/256), ${((Date.now() - t0) / 1000).toFixed(0)} s`);
  for (const p of res.points) console.log(`  n = ${String(p.n).padStart(3)}  L = ${String(p.L).padStart(3)}  W1 = ${p.w1.toFixed(4)} ± ${p.w1Se.toFixed(4)}`);
  console.log(`  log-log slope of W1: ${res.slope.toFixed(3)} ± ${res.slopeSe.toFixed(3)}`);
  const net = lawWithErrors(res.points[res.points.length - 1].sample);
  const sde = lawWithErrors(res.sde);
  for (const k of ['mean', 'sd'] as const) {
    const z = (net.stats[k] - sde.stats[k]) / Math.hypot(net.se[k], sde.se[k]);
    console.log(`  n = 256 ${k}: networks ${net.stats[k].toFixed(4)} ± ${net.se[k].toFixed(4)}, SDE ${sde.stats[k].toFixed(4)} ± ${sde.se[k].toFixed(4)}, z = ${z.toFixed(2)}`);
  }
}
