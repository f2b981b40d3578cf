/**
 * The CPU backend against the conformance suite. Its per-network K̂ are compared with a dense,
 * deliberately naive implementation written here from the definitions in backends/types.ts (whole
 * weight matrices, one matrix product per layer, a textbook Cholesky), which shares no code with
 * the backend except the Philox keys and the input geometry — so the CPU is not checked against
 * itself.
 */
import { activation, shapedActivation, type Activation } from '../../core/activations.ts';
import { inputGram, inputVectors } from '../../core/inputs.ts';
import { Domain, NormalStream } from '../../core/philox.ts';
import type { Spec } from '../../core/spec.ts';
import { parseWeights, rademacherSign, sparseKeepThreshold } from '../../core/weights.ts';
import { describeConformance, type KernelReference } from '../../../test/backends/conformance.ts';
import { pairCount, type KernelBlock, type SimJob } from '../types.ts';
import { createCpuBackend } from './cpuBackend.ts';

type Matrix = number[][]; // rows of columns

/** W^l (rows × cols): entry (i, j) from its own Philox key, as the weight family defines it. */
function weightMatrix(spec: Spec, domain: number, net: number, layer: number, rows: number, cols: number): Matrix {
  const w = parseWeights(spec.weights);
  if (!w.ok) throw new Error(w.reason);
  const gauss = new NormalStream(spec.seed, domain);
  const mask = new NormalStream(spec.seed, Domain.mask);
  const W: Matrix = [];
  for (let i = 0; i < rows; i++) {
    const row: number[] = [];
    for (let j = 0; j < cols; j++) {
      switch (w.value.kind) {
        case 'gaussian':
          row.push(gauss.normal(net, layer, i, j));
          break;
        case 'rademacher':
          row.push(rademacherSign(gauss.word(net, layer, i, j)));
          break;
        case 'sparse': {
          const kept = mask.word(net, layer, i, j) >>> 8 < sparseKeepThreshold(w.value.p);
          row.push(kept ? gauss.normal(net, layer, i, j) / Math.sqrt(w.value.p) : 0);
          break;
        }
        default:
          throw new Error(`the dense reference does not implement weights=${spec.weights}`);
      }
    }
    W.push(row);
  }
  return W;
}

/** out = s·W·H + bias (broadcast over the k columns). */
function affine(W: Matrix, H: Matrix, s: number, bias: number[]): Matrix {
  return W.map((wRow, i) => {
    const out: number[] = [];
    for (let a = 0; a < H[0].length; a++) {
      let acc = 0;
      for (let j = 0; j < wRow.length; j++) acc += wRow[j] * H[j][a];
      out.push(s * acc + bias[i]);
    }
    return out;
  });
}

function biasVector(spec: Spec, net: number, layer: number, n: number, scale: number): number[] {
  const b = new NormalStream(spec.seed, Domain.bias);
  return Array.from({ length: n }, (_, i) => (scale === 0 ? 0 : scale * b.normal(net, layer, i, 0)));
}

/** (1/n) VᵀV, packed upper triangle. */
function packed(V: Matrix, k: number): number[] {
  const out: number[] = [];
  for (let a = 0; a < k; a++) for (let b = a; b < k; b++) out.push(V.reduce((s, row) => s + row[a] * row[b], 0) / V.length);
  return out;
}

/** Textbook lower Cholesky of a PSD matrix; a column whose pivot is ≤ 1e-12·trace is zero. */
function cholesky(G: Matrix): Matrix {
  const k = G.length;
  const C: Matrix = G.map(() => new Array<number>(k).fill(0));
  const trace = G.reduce((s, row, a) => s + Math.abs(row[a]), 0);
  for (let j = 0; j < k; j++) {
    const pivot = G[j][j] - C[j].slice(0, j).reduce((s, c) => s + c * c, 0);
    if (!(pivot > 1e-12 * trace)) continue;
    C[j][j] = Math.sqrt(pivot);
    for (let i = j + 1; i < k; i++) {
      let v = G[i][j];
      for (let p = 0; p < j; p++) v -= C[i][p] * C[j][p];
      C[i][j] = v / C[j][j];
    }
  }
  return C;
}

interface Layerwise {
  act: Activation;
  /** Scale of W φ(z) in hidden layers (σw or √c) and of their bias (σb or 0). */
  s: number;
  b: number;
}

function layerwise(spec: Spec): Layerwise {
  if (spec.arch === 'shaped') {
    const sp = 1 + spec.cp / Math.sqrt(spec.n);
    const sm = 1 + spec.cm / Math.sqrt(spec.n);
    return { act: shapedActivation(spec.cp, spec.cm, spec.n), s: Math.sqrt(2 / (sp * sp + sm * sm)), b: 0 };
  }
  return { act: activation(spec.act), s: Math.sqrt(spec.sw2), b: Math.sqrt(spec.sb2) };
}

/** The states z^l (or Y^l) of one network, layer by layer, from the types.ts definitions. */
function denseNetwork(spec: Spec, net: number): Map<number, Matrix> {
  const { n, L, k } = spec;
  const { act, s, b } = layerwise(spec);
  const states = new Map<number, Matrix>();
  const phi = (Z: Matrix) => Z.map((row) => row.map(act.phi));
  const geometry = { q1: spec.q1, q2: spec.q2, rho0: spec.rho0, k };
  if (spec.method === 'explicit') {
    const { d, x } = inputVectors(geometry);
    const X: Matrix = Array.from({ length: d }, (_, c) => Array.from({ length: k }, (_, a) => x[c * k + a]));
    if (spec.arch === 'resnet') {
      let Y = affine(weightMatrix(spec, Domain.inputWeight, net, 0, n, d), X, 1 / Math.sqrt(d), new Array<number>(n).fill(0));
      states.set(0, Y);
      const branch = Math.pow(L, -spec.alpha);
      for (let l = 1; l <= L; l++) {
        const inc = affine(weightMatrix(spec, Domain.weight, net, l, n, n), phi(Y), s / Math.sqrt(n), biasVector(spec, net, l, n, b));
        Y = Y.map((row, i) => row.map((y, a) => y + branch * inc[i][a]));
        states.set(l, Y);
      }
    } else {
      const sw = Math.sqrt(spec.sw2);
      let Z = affine(weightMatrix(spec, Domain.weight, net, 1, n, d), X, sw / Math.sqrt(d), biasVector(spec, net, 1, n, Math.sqrt(spec.sb2)));
      states.set(1, Z);
      for (let l = 2; l <= L; l++) {
        Z = affine(weightMatrix(spec, Domain.weight, net, l, n, n), phi(Z), s / Math.sqrt(n), biasVector(spec, net, l, n, b));
        states.set(l, Z);
      }
    }
    return states;
  }
  // gram: rows of the next state (or increment) are C ξ_i, C Cᵀ = G, ξ_i[b] = draw i·k + b of row 0.
  const X0 = inputGram(geometry);
  const xi = new NormalStream(spec.seed, Domain.gramRow);
  const draw = (G: Matrix, layer: number): Matrix => {
    const C = cholesky(G);
    return Array.from({ length: n }, (_, i) => C.map((cRow) => cRow.reduce((acc, c, bIdx) => acc + c * xi.normal(net, layer, 0, i * k + bIdx), 0)));
  };
  const covariance = (Z: Matrix): Matrix => {
    const H = phi(Z);
    return Array.from({ length: k }, (_, a) => Array.from({ length: k }, (_, c) => (s * s * H.reduce((acc, h) => acc + h[a] * h[c], 0)) / n + b * b));
  };
  if (spec.arch === 'resnet') {
    let Y = draw(Array.from({ length: k }, (_, a) => Array.from({ length: k }, (_, c) => X0[a * k + c])), 0);
    states.set(0, Y);
    const branch = Math.pow(L, -spec.alpha);
    for (let l = 1; l <= L; l++) {
      const inc = draw(covariance(Y), l);
      Y = Y.map((row, i) => row.map((y, a) => y + branch * inc[i][a]));
      states.set(l, Y);
    }
  } else {
    const G1 = Array.from({ length: k }, (_, a) => Array.from({ length: k }, (_, c) => spec.sw2 * X0[a * k + c] + spec.sb2));
    let Z = draw(G1, 1);
    states.set(1, Z);
    for (let l = 2; l <= L; l++) {
      Z = draw(covariance(Z), l);
      states.set(l, Z);
    }
  }
  return states;
}

const denseReference: KernelReference = {
  name: 'dense reference (cpu.conformance.test.ts)',
  async simulate(job: SimJob): Promise<KernelBlock> {
    const { spec } = job;
    const P = pairCount(spec.k);
    const R = job.recordLayers.length;
    const z = new Float64Array(job.netCount * R * P);
    const phi = new Float64Array(job.netCount * R * P);
    const act = layerwise(spec).act;
    for (let m = 0; m < job.netCount; m++) {
      const states = denseNetwork(spec, job.netStart + m);
      job.recordLayers.forEach((l, r) => {
        const Z = states.get(l)!;
        z.set(packed(Z, spec.k), (m * R + r) * P);
        phi.set(packed(Z.map((row) => row.map(act.phi)), spec.k), (m * R + r) * P);
      });
    }
    return { netStart: job.netStart, netCount: job.netCount, k: spec.k, recordLayers: job.recordLayers, z, phi };
  },
};

describeConformance('cpu', async () => createCpuBackend(), { reference: () => denseReference });
