/**
 * The CPU backend: the reference implementation of SimBackend in JavaScript f64. Runs anywhere
 * (page main thread, Worker, Node); yields cooperatively so that cancellation stays prompt.
 */
import { archOf } from '../../archs/index.ts';
import { activation } from '../../core/activations.ts';
import { NormalStream } from '../../core/philox.ts';
import { philoxWasm, philoxWasmUnavailable } from '../../core/wasm/philoxWasm.ts';
import { networkModel } from '../model.ts';
import { pairCount, throwIfAborted, type KernelBlock, type NormalRequest, type SimBackend, type SimJob } from '../types.ts';
import { simulateExplicitNetwork } from './explicitNetwork.ts';
import { simulateGramNetwork, type LayerRecorder } from './gramNetwork.ts';
import { Yielder } from './yielder.ts';

export function validateRecordLayers(job: SimJob): void {
  const first = archOf(job.spec).firstLayer;
  let prev = -1;
  for (const l of job.recordLayers) {
    if (!Number.isInteger(l) || l < first || l > job.spec.L || l <= prev) {
      throw new Error(`recordLayers must be strictly increasing integers in [${first}, ${job.spec.L}], got ${job.recordLayers.join(',')}`);
    }
    prev = l;
  }
}

export function createCpuBackend(): SimBackend {
  return {
    info: philoxWasm()
      ? { name: 'cpu', adapter: 'WebAssembly SIMD + JavaScript (f64)' }
      : { name: 'cpu', adapter: 'JavaScript (f64)', note: philoxWasmUnavailable },

    supports: () => undefined,

    async simulate(job: SimJob, signal?: AbortSignal): Promise<KernelBlock> {
      validateRecordLayers(job);
      throwIfAborted(signal);
      const arch = archOf(job.spec);
      // An architecture the dense chain cannot express simulates its own networks (archs/types.ts CpuNetwork).
      const custom = arch.cpu;
      const { k, n } = job.spec;
      const P = pairCount(k);
      const R = job.recordLayers.length;
      const slot = new Map<number, number>(job.recordLayers.map((l, r) => [l, r]));
      const z = new Float64Array(job.netCount * R * P);
      const phi = job.recordPhi ? new Float64Array(job.netCount * R * P) : undefined;
      const yielder = new Yielder(signal);
      const simulateNetwork = job.spec.method === 'gram' ? simulateGramNetwork : simulateExplicitNetwork;
      const model = custom ? undefined : networkModel(job.spec);
      for (let m = 0; m < job.netCount; m++) {
        const recorder: LayerRecorder = {
          record(layer, zSums, phiSums) {
            const r = slot.get(layer);
            if (r === undefined) return;
            const offset = (m * R + r) * P;
            for (let p = 0; p < P; p++) z[offset + p] = zSums[p] / n;
            if (phi) for (let p = 0; p < P; p++) phi[offset + p] = phiSums[p] / n;
          },
        };
        if (custom) await custom.simulate(job.spec, job.netStart + m, recorder, yielder);
        else await simulateNetwork(model!, job.netStart + m, recorder, yielder);
        await yielder.checkpoint();
      }
      throwIfAborted(signal);
      return { netStart: job.netStart, netCount: job.netCount, k, recordLayers: job.recordLayers, z, phi };
    },

    async normals(req: NormalRequest): Promise<Float64Array> {
      const s = new NormalStream(req.seed >>> 0, req.domain);
      const out = new Float64Array(req.rows * req.cols);
      for (let i = 0; i < req.rows; i++) s.row(req.net, req.layer, i, req.cols, out, i * req.cols);
      return out;
    },

    async activation(actId: string, xs: Float64Array) {
      const act = activation(actId);
      return { phi: xs.map(act.phi), dphi: xs.map(act.dphi) };
    },

    dispose() {},
  };
}
