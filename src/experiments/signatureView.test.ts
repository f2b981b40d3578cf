import { describe, expect, it } from 'vitest';
import { createCpuBackend } from '../backends/cpu/cpuBackend.ts';
import { runSpec } from './runSpec.ts';
import { decodeSpec } from '../url/codec.ts';
import { cresnetResolve } from '../archs/cresnet/index.ts';
import { inhomogeneousGram, sharedDiscreteGram, unsharedDiscreteGram } from '../archs/cresnet/discrete.ts';
import { pdeGram } from '../archs/cresnet/pde.ts';
import { doublings, type SignatureViewBlock } from './signatureView.ts';

const cpu = createCpuBackend();

describe('view=signature: controlled ResNets against the PDE and the ODE as n and L grow', () => {
  const query = 'arch=cresnet&view=signature&act=identity&sw2=1.5&M=60&n=16&L=8&nmin=4&nmax=16&Lmin=2&Lmax=16&paths=pl:0,0,0.6,0.3,0.3,0.9_pl:0,0,0.5,-0.3,0.8,0.2_line:0.4,0.4&k=3';

  it('sweeps, limits and Gram are the engine’s own kernels; unshared φ = id means equal the width-∞ kernel within 4 SE (exact in mean)', async () => {
    const d = decodeSpec(query);
    expect(d.issues).toEqual([]);
    const result = await runSpec(d.spec, { backend: cpu });
    const block = result.signatureView as SignatureViewBlock;
    const r = cresnetResolve(d.spec);
    expect(block.width.n).toEqual([4, 8, 16]);
    expect(block.depth.L).toEqual([2, 4, 8, 16]);
    expect(block.paths.map((p) => p.token)).toEqual(['pl:0,0,0.6,0.3,0.3,0.9', 'pl:0,0,0.5,-0.3,0.8,0.2', 'line:0.4,0.4']);
    expect(block.limits.pde).toBe(pdeGram(r.paths, d.spec.refine, r.nsk)[0][1].value);
    expect(block.limits.ode).toBe(inhomogeneousGram(r.paths, d.spec.refine, r.nsk)[0][1].value);
    block.depth.L.forEach((L, i) => {
      expect(block.depth.shared[i].widthLimit).toBe(sharedDiscreteGram(r.paths, L, r.nsk)[0][1]);
      expect(block.depth.unshared[i].widthLimit).toBe(unsharedDiscreteGram(r.paths, L, r.nsk)[0][1]);
      const u = block.depth.unshared[i];
      expect(Math.abs(u.mean - u.widthLimit), `unshared L = ${L}`).toBeLessThanOrEqual(4 * u.se);
    });
    // The Gram at (n, L): symmetric, the width-∞ kernel is the discrete Gram, the limit the PDE's.
    expect(block.gram.widthLimit).toEqual(sharedDiscreteGram(r.paths, 8, r.nsk));
    for (let a = 0; a < 3; a++) for (let b = 0; b < 3; b++) expect(block.gram.mean[a][b]).toBe(block.gram.mean[b][a]);
    // The result also carries the signature block (the CLI's): the same PDE Gram.
    expect((result.signature as { kernel: number[][] }).kernel[0][1]).toBe(block.limits.pde);
  });

  it('is refused for other architectures with a reason naming the fix', async () => {
    const d = decodeSpec('view=signature&M=4');
    const result = await runSpec(d.spec, { backend: cpu });
    expect(JSON.stringify(result.signatureView)).toContain('choose arch=cresnet');
  });

  it('doublings include both ends', () => {
    expect(doublings(3, 20)).toEqual([3, 6, 12, 20]);
    expect(doublings(4, 4)).toEqual([4]);
  });
});
