#!/usr/bin/env python3
"""The numpy (and, where installed, PyTorch) peer of `npm run bench`: the same experiment as the
Limits Lab CPU backend, written the way a researcher would write it, timed per network.

  explicit: W = rng.standard_normal((n, n_in)) per layer, Z = sigma_w W H / sqrt(n_in) + sigma_b b
            (BLAS matmul), H = relu(Z); the k inputs are the lab's (d = 1024, core/inputs.ts).
  gram:     the exact Gram chain: G = sigma_w^2 X + sigma_b^2, then per layer C = chol(G),
            Z = xi C^T with xi = rng.standard_normal((n, k)), H = relu(Z),
            G = sigma_w^2 H^T H / n + sigma_b^2.

Prints one JSON object on stdout: seconds per network (median of --repeats, wall and process CPU
time), the library versions and which BLAS (and how many threads) numpy actually uses.
Usage: numpy_peer.py --method explicit|gram --n N --L L --k K --M NETWORKS --repeats R
                     [--peer numpy|torch] [--threads 1|all]
The bench (bench/peers.ts) starts it with OPENBLAS_CORETYPE / OPENBLAS_L2_SIZE removed from the
environment and, for one thread, OPENBLAS_NUM_THREADS=OMP_NUM_THREADS=MKL_NUM_THREADS=1.
"""
import argparse
import json
import math
import os
import sys
import time

D = 1024  # INPUT_DIMENSION of src/core/inputs.ts


def inputs(k, q1=1.0, q2=1.0, rho0=0.5):
    """The lab's input vectors (core/inputs.ts inputVectors), d x k."""
    import numpy as np

    theta0 = math.acos(max(-1.0, min(1.0, rho0)))
    theta = [0.0, theta0] + [theta0 * (j - 1) / (k - 1) for j in range(2, k)]
    q = [q1, q2] + [q1 + (q2 - q1) * (j - 1) / (k - 1) for j in range(2, k)]
    alt = np.where(np.arange(D) % 2 == 0, 1.0, -1.0)
    x = np.empty((D, k))
    for a in range(k):
        x[:, a] = math.sqrt(q[a]) * math.cos(theta[a]) + alt * math.sqrt(q[a]) * math.sin(theta[a])
    return x


def numpy_network(method, n, L, k, sw2, sb2, rng, x, X):
    import numpy as np

    sw, sb = math.sqrt(sw2), math.sqrt(sb2)
    if method == "explicit":
        W = rng.standard_normal((n, D))
        Z = sw / math.sqrt(D) * (W @ x) + sb * rng.standard_normal((n, 1))
        for _ in range(2, L + 1):
            H = np.maximum(Z, 0.0)
            W = rng.standard_normal((n, n))
            Z = sw / math.sqrt(n) * (W @ H) + sb * rng.standard_normal((n, 1))
        return Z.T @ Z / n
    G = sw2 * X + sb2
    for _ in range(1, L + 1):
        C = np.linalg.cholesky(G)
        Z = rng.standard_normal((n, k)) @ C.T
        H = np.maximum(Z, 0.0)
        G = sw2 * (H.T @ H) / n + sb2
    return Z.T @ Z / n


def torch_network(method, n, L, k, sw2, sb2, gen, x, X):
    import torch

    sw, sb = math.sqrt(sw2), math.sqrt(sb2)
    if method == "explicit":
        W = torch.randn((n, D), generator=gen, dtype=torch.float64)
        Z = sw / math.sqrt(D) * (W @ x) + sb * torch.randn((n, 1), generator=gen, dtype=torch.float64)
        for _ in range(2, L + 1):
            H = torch.clamp(Z, min=0.0)
            W = torch.randn((n, n), generator=gen, dtype=torch.float64)
            Z = sw / math.sqrt(n) * (W @ H) + sb * torch.randn((n, 1), generator=gen, dtype=torch.float64)
        return Z.T @ Z / n
    G = sw2 * X + sb2
    for _ in range(1, L + 1):
        C = torch.linalg.cholesky(G)
        Z = torch.randn((n, k), generator=gen, dtype=torch.float64) @ C.T
        H = torch.clamp(Z, min=0.0)
        G = sw2 * (H.T @ H) / n + sb2
    return Z.T @ Z / n


def blas_info():
    """Which BLAS numpy runs and with how many threads: threadpoolctl if present, else show_config."""
    import numpy as np

    try:
        from threadpoolctl import threadpool_info

        return {"source": "threadpoolctl", "pools": threadpool_info()}
    except ImportError:
        pass
    info = {"source": "numpy.show_config (threadpoolctl not installed)"}
    try:
        cfg = np.show_config(mode="dicts")
        deps = cfg.get("Build Dependencies", {})
        info["blas"] = deps.get("blas")
        info["simd"] = cfg.get("SIMD Extensions")
    except TypeError:  # numpy < 1.26 has no mode=
        info["blas"] = "see numpy.show_config()"
    # The OpenBLAS runtime (the core type it chose at load, its threads), from its own C API: numpy's
    # wheel bundles it as scipy_openblas with symbol prefix "scipy_" and suffix "64_" (ILP64).
    try:
        import ctypes
        import glob

        for path in glob.glob(os.path.join(os.path.dirname(np.__file__), "..", "numpy.libs", "*openblas*")):
            lib = ctypes.CDLL(path)
            for stem in ("scipy_openblas_", "openblas_"):
                for suffix in ("64_", ""):
                    core = getattr(lib, f"{stem}get_corename{suffix}", None)
                    threads = getattr(lib, f"{stem}get_num_threads{suffix}", None)
                    if core and threads:
                        core.restype = ctypes.c_char_p
                        info["openblasCore"] = core().decode()
                        info["openblasThreads"] = threads()
                        return info
    except OSError as e:
        info["openblasRuntime"] = f"unavailable: {e}"
    return info


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--method", choices=["explicit", "gram"], required=True)
    ap.add_argument("--n", type=int, required=True)
    ap.add_argument("--L", type=int, required=True)
    ap.add_argument("--k", type=int, default=2)
    ap.add_argument("--M", type=int, default=1)
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--sw2", type=float, default=2.0)
    ap.add_argument("--sb2", type=float, default=0.0)
    ap.add_argument("--peer", choices=["numpy", "torch"], default="numpy")
    ap.add_argument("--threads", default="1")
    a = ap.parse_args()

    import numpy as np

    out = {"peer": a.peer, "method": a.method, "n": a.n, "L": a.L, "k": a.k, "M": a.M, "threads": a.threads,
           "python": sys.version.split()[0], "numpy": np.__version__,
           "env": {key: os.environ.get(key) for key in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE")}}
    x = inputs(a.k)
    X = x.T @ x / D
    if a.peer == "torch":
        try:
            import torch
        except ImportError:
            print(json.dumps({**out, "unavailable": "PyTorch is not installed (pip install torch)"}))
            return
        if a.threads == "1":
            torch.set_num_threads(1)
        out["torch"] = torch.__version__
        out["torchThreads"] = torch.get_num_threads()
        gen = torch.Generator().manual_seed(1)
        xt, Xt = torch.from_numpy(x), torch.from_numpy(X)
        network = lambda m: torch_network(a.method, a.n, a.L, a.k, a.sw2, a.sb2, gen, xt, Xt)  # noqa: E731
    else:
        out["blasInfo"] = blas_info()
        rng = np.random.default_rng(1)
        network = lambda m: numpy_network(a.method, a.n, a.L, a.k, a.sw2, a.sb2, rng, x, X)  # noqa: E731

    network(0)  # warm-up (imports, BLAS threads, allocator)
    wall, cpu = [], []
    for _ in range(a.repeats):
        t0, c0 = time.perf_counter(), time.process_time()
        for m in range(a.M):
            network(m)
        wall.append((time.perf_counter() - t0) / a.M)
        cpu.append((time.process_time() - c0) / a.M)
    med = lambda v: sorted(v)[len(v) // 2]  # noqa: E731
    out["secondsPerNetwork"] = {"wall": med(wall), "cpu": med(cpu), "wallAll": wall, "cpuAll": cpu}
    print(json.dumps(out))


if __name__ == "__main__":
    main()
