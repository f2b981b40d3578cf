/**
 * arch=cresnet: controlled ResNets driven by paths (Muça Cirone, Lemercier & Salvi 2023; issue 16).
 * Inputs are the k paths of `paths` (R^d, d = pdim); depth L = time steps of the uniform partition;
 * σA² = sw2, σb² = sb2, σ0² = s02; `share` picks shared (homogeneous) or fresh (inhomogeneous)
 * weights. Equations and constants: docs/DESIGN.md §8.
 *
 *   kernelProfile   the width-∞ kernel of paths 1 and 2 at equal steps i = 0..L (discrete.ts): exact
 *                   for the network's law at this L (Netsor, no transposes)
 *   limits.depth    L → ∞ after n → ∞: K(t, t) of the PDE (shared) or κ(t) of the ODE (unshared)
 *   limits.signature the `signature` block: the Gram of every pair at t = 1, its grid and error estimate
 *   cpu             the explicit network (network.ts), every weight drawn from Philox
 *   gpu             the same network in WGSL (gpu.ts, shaders/cresnet_step.wgsl): the same draws
 */
import { specActivation, type Activation } from '../../core/activations.ts';
import { buildPaths, type Path } from '../../core/paths.ts';
import type { Spec } from '../../core/spec.ts';
import { kernelCorrelation, type KernelProfile } from '../../theory/nngp.ts';
import { dualKernels, type Precision } from '../../theory/dual.ts';
import type { ArchModule, CpuNetwork, NetworkModel } from '../types.ts';
import { inhomogeneousGram, inhomogeneousTrajectory, sharedDiscreteProfile, unsharedDiscreteProfile, ODE_ORDER } from './discrete.ts';
import { cpuNetworkSize, gpuNetworkSize, theoryEvaluationCounts } from './cost.ts';
import { runCresnetGpu } from './gpu.ts';
import { CresnetStepper, type CresnetConfig } from './network.ts';
import { crossKernelGrid, pdeGram, PDE_ORDER, refinedIncrements, selfKernelGrid, type NskParams } from './pde.ts';
import { cresnetSpec } from './spec.ts';
import type { LimitBlock, SignatureBlock } from '../../theory/blocks.ts';

export interface CresnetParams {
  readonly paths: readonly Path[];
  readonly share: boolean;
  readonly act: Activation;
  readonly nsk: NskParams;
}

/** The spec's paths, φ and kernel parameters (a validated spec). */
export function cresnetResolve(spec: Spec, precision: Precision = 'exact'): CresnetParams {
  const built = buildPaths(spec.paths, spec.pdim);
  if (!built.ok) throw new RangeError(`paths=${spec.paths}: ${built.reason}`);
  const act = specActivation(spec);
  return { paths: built.value, share: spec.share, act, nsk: { s02: spec.s02, sa2: spec.sw2, sb2: spec.sb2, V: dualKernels(act, precision).F } };
}

function profile(spec: Spec, precision: Precision): KernelProfile {
  const r = cresnetResolve(spec, precision);
  const [x, y] = r.paths;
  const pr = (r.share ? sharedDiscreteProfile : unsharedDiscreteProfile)(x, y, spec.L, r.nsk);
  const rho = pr.k12.map((c, i) => kernelCorrelation(pr.k11[i], c, pr.k22[i]));
  return { layers: Array.from({ length: spec.L + 1 }, (_, i) => i), k11: pr.k11, k12: pr.k12, k22: pr.k22, rho };
}

/** Times where both paths' refined grids have a node (the PDE's K(t, t) is known there). */
function commonNodes(x: Path, y: Path, refine: number): { t: number; ix: number; iy: number }[] {
  const nodes = (p: Path) => {
    const parts = 2 ** refine;
    const m = p.times.length - 1;
    const out: number[] = [0];
    for (let i = 0; i < m; i++) for (let r = 1; r <= parts; r++) out.push(p.times[i] + ((p.times[i + 1] - p.times[i]) * r) / parts);
    return out;
  };
  const tx = nodes(x);
  const ty = nodes(y);
  const out: { t: number; ix: number; iy: number }[] = [];
  let j = 0;
  for (let i = 0; i < tx.length; i++) {
    while (j < ty.length && ty[j] < tx[i] - 1e-12) j++;
    if (j < ty.length && Math.abs(ty[j] - tx[i]) <= 1e-12) out.push({ t: tx[i], ix: i, iy: j });
  }
  return out;
}

/** The depth limit of paths 1 and 2 along t: K(t, t) of the PDE (shared) or κ(t) (unshared). */
export function cresnetLimit(spec: Spec, precision: Precision = 'exact'): LimitBlock {
  const r = cresnetResolve(spec, precision);
  const [x, y] = r.paths;
  const q11: number[] = [];
  const q12: number[] = [];
  const q22: number[] = [];
  const t: number[] = [];
  if (r.share) {
    const lvl = spec.refine;
    const Kx = selfKernelGrid(x, lvl, r.nsk);
    const Ky = selfKernelGrid(y, lvl, r.nsk);
    const Wx = Math.round(Math.sqrt(Kx.length));
    const Wy = Math.round(Math.sqrt(Ky.length));
    const dX = Float64Array.from({ length: Wx }, (_, i) => Kx[i * Wx + i]);
    const dY = Float64Array.from({ length: Wy }, (_, i) => Ky[i * Wy + i]);
    const Kxy = crossKernelGrid(x, y, lvl, r.nsk, dX, dY);
    for (const node of commonNodes(x, y, lvl)) {
      t.push(node.t);
      q11.push(dX[node.ix]);
      q22.push(dY[node.iy]);
      q12.push(Kxy[node.ix * Wy + node.iy]);
    }
  } else {
    const tr = inhomogeneousTrajectory([x, y], spec.refine, r.nsk);
    tr.t.forEach((tt, j) => {
      t.push(tt);
      q11.push(tr.G[j][0][0]);
      q12.push(tr.G[j][0][1]);
      q22.push(tr.G[j][1][1]);
    });
  }
  return { t, q11, q12, q22, rho: q12.map((c, i) => kernelCorrelation(q11[i], c, q22[i])) };
}

export function signatureBlock(spec: Spec): SignatureBlock {
  const r = cresnetResolve(spec);
  if (r.share) {
    const G = pdeGram(r.paths, spec.refine, r.nsk);
    return {
      equation: 'pde',
      kernel: G.map((row) => row.map((e) => e.value)),
      errorEstimate: G.map((row) => row.map((e) => e.errorEstimate)),
      extrapolated: G.map((row) => row.map((e) => e.extrapolated)),
      grid: { refine: spec.refine, cells: r.paths.map((x) => refinedIncrements(x, spec.refine + 1).length / x.d), order: PDE_ORDER },
    };
  }
  const G = inhomogeneousGram(r.paths, spec.refine, r.nsk);
  return {
    equation: 'ode',
    kernel: G.map((row) => row.map((e) => e.value)),
    errorEstimate: G.map((row) => row.map((e) => e.errorEstimate)),
    grid: { refine: spec.refine, cells: r.paths.map((x) => (x.times.length - 1) * 2 ** (spec.refine + 1)), order: ODE_ORDER },
  };
}

/** The explicit network as the CPU backend runs it: records S_i·S_i'/n sums at every step. */
const cpu: CpuNetwork = {
  async simulate(spec, net, recorder, yielder) {
    const r = cresnetResolve(spec);
    // Validation (archs/cresnet/spec.ts) asks k = the number of paths; a spec that slipped past it
    // must not record its pairs in the wrong places.
    if (r.paths.length !== spec.k) throw new RangeError(`arch=cresnet: k=${spec.k} but paths=${spec.paths} has ${r.paths.length} paths; allowed: k=${r.paths.length}`);
    const config: CresnetConfig = { n: spec.n, L: spec.L, s02: spec.s02, sa2: spec.sw2, sb2: spec.sb2, share: spec.share, act: r.act, seed: spec.seed };
    const stepper = new CresnetStepper(r.paths, config, net);
    const k = r.paths.length;
    const P = (k * (k + 1)) / 2;
    const zSums = new Float64Array(P);
    const phiSums = new Float64Array(P);
    // Pairs a ≤ b in the packed upper-triangle order of LayerRecorder (a outer, b inner: index p).
    const record = (layer: number) => {
      let p = 0;
      for (let a = 0; a < k; a++) {
        for (let b = a; b < k; b++) {
          const Sa = stepper.state[a];
          const Sb = stepper.state[b];
          let s = 0;
          let sp = 0;
          for (let i = 0; i < spec.n; i++) {
            s += Sa[i] * Sb[i];
            sp += r.act.phi(Sa[i]) * r.act.phi(Sb[i]);
          }
          zSums[p] = s;
          phiSums[p] = sp;
          p++;
        }
      }
      recorder.record(layer, zSums, phiSums);
    };
    record(0);
    for (let i = 0; i < spec.L; i++) {
      stepper.step();
      record(i + 1);
      await yielder.checkpoint();
    }
  },
};

export { equivalentLayers } from './cost.ts';

export const cresnetModule: ArchModule<CresnetParams, 'cresnet'> = {
  ...cresnetSpec,
  resolve: (spec) => cresnetResolve(spec),
  firstLayer: 0,
  ntk: false,
  kernelProfile: (spec, precision) => profile(spec, precision),
  limits: {
    depth: (spec, precision) => cresnetLimit(spec, precision),
    signature: (spec) => signatureBlock(spec),
  },
  network(spec): NetworkModel {
    // Not a dense chain: the CPU backend runs `cpu` below, the WebGPU backend `gpu`.
    throw new Error(`arch=${spec.arch} is not a dense chain: its networks run through archs/cresnet (cpu)`);
  },
  cpu,
  // The explicit network in WGSL with the CPU's Philox draws (parity: gpu.conformance.test.ts). Both
  // values of `method` run it: a controlled ResNet always draws every weight (method is not read).
  gpu: {
    methods: ['gram', 'explicit'],
    simulate(device, spec, netStart, netCount, recordLayers) {
      const r = cresnetResolve(spec);
      if (r.paths.length !== spec.k) throw new RangeError(`arch=cresnet: k=${spec.k} but paths=${spec.paths} has ${r.paths.length} paths; allowed: k=${r.paths.length}`);
      const model = { paths: r.paths, n: spec.n, L: spec.L, s02: spec.s02, sa2: spec.sw2, sb2: spec.sb2, share: spec.share, act: r.act, seed: spec.seed };
      return runCresnetGpu(device, model, netCount, netStart, recordLayers);
    },
  },
  cost: {
    theoryLayerFactor: () => 1,
    // The PDE (or ODE) solves are priced by their dual-kernel evaluations (cost.ts), not as a fixed cost.
    theoryFixed: () => false,
    theoryEvaluations: (spec) => theoryEvaluationCounts(spec),
    networkSize: cpuNetworkSize,
    gpuNetworkSize,
  },
  views: ['depth', 'hist', 'width', 'signature'],
};
