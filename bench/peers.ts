/**
 * The CPU backend against its peers, in the same run (issue 19 §3): what a researcher writes in
 * numpy (bench/peers/numpy_peer.py: `rng.standard_normal` + BLAS matmul for explicit weights, the
 * same exact Gram chain for gram) and PyTorch on the CPU where it is installed, on the same n, L, k,
 * method. Each repeat runs the lab, then every peer, so that a busy shared machine slows them alike;
 * the figures are medians over the repeats of seconds per network, in wall-clock and in process
 * CPU time (on a machine shared with other work, CPU time is the steadier of the two).
 *
 * Ratios are speeds, lab over peer: `labSpeedOverPeer = peerSeconds / labSeconds` (≥ 1: the lab is
 * at least as fast). The one-thread comparison pins numpy to one BLAS thread
 * (OPENBLAS_NUM_THREADS = OMP_NUM_THREADS = MKL_NUM_THREADS = 1) and PyTorch with
 * torch.set_num_threads(1); numpy is also run with every core ("all"). OPENBLAS_CORETYPE and
 * OPENBLAS_L2_SIZE, set on some machines to values that slow numpy down, are removed from the
 * peer's environment; the peer reports which BLAS core and how many threads numpy really used.
 *
 * Multi-core lab: `labAllCores` is the hook for the worker pool (issue 19 §2); it reports itself
 * unavailable until bin/threadPool.ts exists. CPU-time ratios are not given for it (CPU time adds
 * up over threads): wall clock only.
 */
import { spawnSync } from 'node:child_process';
import { availableParallelism, cpus } from 'node:os';
import { fileURLToPath } from 'node:url';
import { createCpuBackend } from '../src/backends/cpu/cpuBackend.ts';
import type { SimBackend } from '../src/backends/types.ts';
import { DEFAULT_SPEC, type Method, type Spec } from '../src/core/spec.ts';

const PEER_SCRIPT = fileURLToPath(new URL('./peers/numpy_peer.py', import.meta.url));

export interface PeerCase {
  readonly method: Method;
  readonly n: number;
  readonly L: number;
  readonly k: number;
  /** Networks per timed repeat, for the lab and the peers alike. */
  readonly M: number;
}

export interface Timing {
  /** Median seconds per network over the repeats. */
  readonly wall: number;
  readonly cpu: number;
  readonly wallAll: number[];
  readonly cpuAll: number[];
}

type PeerName = 'numpy1' | 'numpyAll' | 'torch1';

const PEERS: Record<PeerName, { peer: 'numpy' | 'torch'; threads: '1' | 'all' }> = {
  numpy1: { peer: 'numpy', threads: '1' },
  numpyAll: { peer: 'numpy', threads: 'all' },
  torch1: { peer: 'torch', threads: '1' },
};

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function cpuSeconds(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
}

function caseSpec(c: PeerCase): Spec {
  return { ...DEFAULT_SPEC, act: 'relu', sw2: 2, sb2: 0, n: c.n, L: c.L, k: c.k, M: c.M, method: c.method };
}

/** Seconds per network of the lab's CPU backend, one thread (this process), one repeat. */
async function labOnce(backend: SimBackend, c: PeerCase): Promise<{ wall: number; cpu: number }> {
  const spec = caseSpec(c);
  const job = { spec, netStart: 0, netCount: c.M, recordLayers: [c.L] };
  const w0 = performance.now();
  const c0 = cpuSeconds();
  await backend.simulate(job);
  return { wall: (performance.now() - w0) / 1000 / c.M, cpu: (cpuSeconds() - c0) / c.M };
}

function peerEnv(threads: '1' | 'all'): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env.OPENBLAS_CORETYPE;
  delete env.OPENBLAS_L2_SIZE;
  for (const key of ['OPENBLAS_NUM_THREADS', 'OMP_NUM_THREADS', 'MKL_NUM_THREADS']) {
    if (threads === '1') env[key] = '1';
    else delete env[key];
  }
  return env;
}

interface PeerRun {
  readonly secondsPerNetwork?: { wall: number; cpu: number };
  readonly unavailable?: string;
  readonly [key: string]: unknown;
}

/** One repeat of a peer: a fresh Python process (its own warm-up network is not timed). */
function peerOnce(name: PeerName, c: PeerCase): PeerRun {
  const { peer, threads } = PEERS[name];
  const args = [PEER_SCRIPT, '--method', c.method, '--n', String(c.n), '--L', String(c.L), '--k', String(c.k), '--M', String(c.M)];
  const r = spawnSync('python3', [...args, '--repeats', '1', '--peer', peer, '--threads', threads], {
    env: peerEnv(threads),
    encoding: 'utf8',
    maxBuffer: 16 << 20,
  });
  if (r.error) return { unavailable: `python3 could not be started (${r.error.message})` };
  if (r.status !== 0) {
    const last = (r.stderr || '').trim().split('\n').pop() ?? '';
    return { unavailable: `the ${peer} peer exited with status ${r.status}: ${last}` };
  }
  try {
    return JSON.parse(r.stdout.trim().split('\n').pop() ?? '') as PeerRun;
  } catch {
    return { unavailable: `the ${peer} peer printed no JSON` };
  }
}

function timing(runs: { wall: number; cpu: number }[]): Timing {
  const wallAll = runs.map((r) => r.wall);
  const cpuAll = runs.map((r) => r.cpu);
  return { wall: median(wallAll), cpu: median(cpuAll), wallAll, cpuAll };
}

/**
 * The worker-pool hook (issue 19 §2): where bin/threadPool.ts provides createThreadedCpuBackend,
 * the lab on every core (availableParallelism() threads) through runNetworks, wall-clock seconds per
 * network over max(M, 4·threads) networks (one network cannot be split), median of `repeats` (more
 * for a short batch: about 2 s of timed runs) after two untimed batches.
 * Until that module exists, reports itself unavailable.
 */
const THREAD_POOL_MODULE = '../bin/threadPool.ts';

async function labAllCores(c: PeerCase, repeats: number): Promise<Timing | { unavailable: string; threads?: number }> {
  let pool: SimBackend;
  const threads = availableParallelism();
  try {
    const mod = (await import(THREAD_POOL_MODULE)) as { createThreadedCpuBackend?: (threads: number) => SimBackend };
    if (typeof mod.createThreadedCpuBackend !== 'function') throw new Error('no createThreadedCpuBackend');
    pool = mod.createThreadedCpuBackend(threads);
  } catch {
    return { unavailable: 'no worker pool in this build (issue 19 §2, bin/threadPool.ts): the lab ran on one thread only' };
  }
  const { runNetworks } = await import('../src/experiments/monteCarlo.ts');
  try {
    const M = Math.max(c.M, 4 * threads);
    const spec = { ...caseSpec(c), M };
    // Warm-up in every thread: the whole batch, twice. (Two networks per thread were too few: the
    // fresh workers' WebAssembly and JIT tier-up then ran, on the same two cores, during the timed
    // gram runs of ~0.05 s, which came out at 1.4× one thread instead of ~1.9×; 2026-12-07.)
    let perBatch = 0;
    for (let w = 0; w < 2; w++) {
      const w0 = performance.now();
      await runNetworks(spec, [c.L], { backend: pool });
      perBatch = (performance.now() - w0) / 1000;
    }
    // A short batch gets more repeats: about 2 s of timed runs, at most 41.
    const reps = Math.max(repeats, Math.min(41, Math.ceil(2 / Math.max(perBatch, 1e-3))));
    const runs: { wall: number; cpu: number }[] = [];
    for (let r = 0; r < reps; r++) {
      const w0 = performance.now();
      const c0 = cpuSeconds();
      await runNetworks(spec, [c.L], { backend: pool });
      runs.push({ wall: (performance.now() - w0) / 1000 / M, cpu: (cpuSeconds() - c0) / M });
    }
    return { ...timing(runs), threads } as Timing & { threads: number };
  } finally {
    pool.dispose();
  }
}

export async function peerComparison(cases: PeerCase[], repeats: number, log: (line: string) => void): Promise<object> {
  const backend = createCpuBackend();
  const rows: object[] = [];
  for (const c of cases) {
    await labOnce(backend, { ...c, M: Math.min(c.M, 64) }); // warm-up: JIT, WebAssembly tier-up (untimed)
    const lab: { wall: number; cpu: number }[] = [];
    const peers: Record<PeerName, { wall: number; cpu: number }[]> = { numpy1: [], numpyAll: [], torch1: [] };
    const notes: Partial<Record<PeerName, string>> = {};
    const details: Partial<Record<PeerName, PeerRun>> = {};
    for (let rep = 0; rep < repeats; rep++) {
      lab.push(await labOnce(backend, c));
      for (const name of Object.keys(PEERS) as PeerName[]) {
        if (notes[name]) continue;
        const run = peerOnce(name, c);
        if (run.unavailable || !run.secondsPerNetwork) {
          notes[name] = run.unavailable ?? 'no timing';
          log(`bench: ${name} skipped: ${notes[name]}`);
          continue;
        }
        details[name] = run;
        peers[name].push(run.secondsPerNetwork);
      }
    }
    const labT = timing(lab);
    const peerT: Record<string, unknown> = {};
    const ratios: Record<string, { wall: number; cpu: number }> = {};
    for (const name of Object.keys(PEERS) as PeerName[]) {
      if (notes[name]) {
        peerT[name] = { unavailable: notes[name] };
        continue;
      }
      const t = timing(peers[name]);
      peerT[name] = t;
      ratios[name] = { wall: t.wall / labT.wall, cpu: t.cpu / labT.cpu };
    }
    const allCores = await labAllCores(c, repeats);
    // Every core against numpy on every core and on one thread: wall clock only (CPU time adds up over threads).
    const allCoresSpeedOverPeer: Partial<Record<PeerName, number>> = {};
    if ('wall' in allCores) {
      for (const name of ['numpyAll', 'numpy1'] as const) if (!notes[name]) allCoresSpeedOverPeer[name] = timing(peers[name]).wall / allCores.wall;
      log(
        `bench: ${c.method}: lab on ${availableParallelism()} threads ${(allCores.wall * 1e3).toFixed(2)} ms wall per network;` +
          ` speed / numpy all cores ${allCoresSpeedOverPeer.numpyAll?.toFixed(2) ?? 'n/a'}× (wall), / numpy 1 thread ${allCoresSpeedOverPeer.numpy1?.toFixed(2) ?? 'n/a'}× (wall)`,
      );
    } else log(`bench: ${c.method}: ${allCores.unavailable}`);
    const numpyRun = details.numpy1 ?? details.numpyAll;
    const row = {
      ...c,
      repeats,
      lab: { backend: backend.info, oneThread: labT, allCores },
      peers: peerT,
      labSpeedOverPeer: ratios,
      allCoresSpeedOverPeer,
      numpyBlas: numpyRun?.blasInfo,
      numpyBlasAllCores: details.numpyAll?.blasInfo,
      torch: details.torch1?.torch,
    };
    rows.push(row);
    const fmt = (x?: { wall: number; cpu: number }) => (x ? `${x.cpu.toFixed(2)}× (CPU time), ${x.wall.toFixed(2)}× (wall)` : 'n/a');
    log(
      `bench: ${c.method} n=${c.n} L=${c.L} k=${c.k}: lab ${(labT.cpu * 1e3).toFixed(2)} ms CPU / ${(labT.wall * 1e3).toFixed(2)} ms wall per network;` +
        ` lab speed / numpy (1 thread) ${fmt(ratios.numpy1)}; / numpy (all ${cpus().length} cores) ${fmt(ratios.numpyAll)};` +
        ` / PyTorch (1 thread) ${fmt(ratios.torch1)}`,
    );
  }
  return {
    note: 'labSpeedOverPeer = peer seconds per network / lab seconds per network (≥ 1: the lab is at least as fast); medians over repeats, each repeat runs the lab then every peer',
    cases: rows,
  };
}
