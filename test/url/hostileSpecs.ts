/**
 * Hostile inputs (issue 3 acceptance: ≥ 30 of them). Each names the key its message must mention.
 * Shared by the codec unit tests, the CLI tests and the page's e2e tests.
 */
export interface HostileCase {
  readonly query: string;
  /** The key the error message must name. */
  readonly key: string;
  readonly why: string;
}

const big = 'x'.repeat(100 * 1024);

export const HOSTILE_SPECS: readonly HostileCase[] = [
  { query: 'n=NaN', key: 'n', why: 'NaN' },
  { query: 'n=Infinity', key: 'n', why: 'Infinity' },
  { query: 'sw2=-Infinity', key: 'sw2', why: '−Infinity' },
  { query: 'n=-5', key: 'n', why: 'negative width' },
  { query: 'n=12.5', key: 'n', why: 'fractional width' },
  { query: 'n=0', key: 'n', why: 'zero width' },
  { query: 'L=1000000000', key: 'L', why: 'L = 10⁹' },
  { query: 'L=0', key: 'L', why: 'zero depth' },
  { query: 'L=1e400', key: 'L', why: 'overflowing literal' },
  { query: 'M=-1', key: 'M', why: 'negative network count' },
  { query: 'M=1e9', key: 'M', why: 'a billion networks' },
  { query: 'foo=1', key: 'foo', why: 'unknown key' },
  { query: 'act=swish', key: 'act', why: 'unknown activation' },
  { query: 'act=', key: 'act', why: 'empty activation' },
  { query: 'n=', key: 'n', why: 'empty width' },
  { query: `act=${big}`, key: 'act', why: '100 KB value' },
  { query: `n=${'9'.repeat(100 * 1024)}`, key: 'n', why: '100 KB number' },
  { query: 'act=<script>alert(1)</script>', key: 'act', why: '<script>' },
  { query: 'arch=<img src=x onerror=alert(1)>', key: 'arch', why: 'HTML injection' },
  { query: 'act=relu;process.exit()', key: 'act', why: 'code in a value' },
  { query: 'sw2=0', key: 'sw2', why: 'σw² = 0 (must be > 0)' },
  { query: 'sb2=-1', key: 'sb2', why: 'negative bias variance' },
  { query: 'rho0=1.5', key: 'rho0', why: '|ρ₀| > 1' },
  { query: 'q1=0', key: 'q1', why: 'zero input norm' },
  { query: 'alpha=2', key: 'alpha', why: 'α > 1' },
  { query: 'k=1', key: 'k', why: 'fewer than two inputs' },
  { query: 'k=1000', key: 'k', why: 'too many inputs' },
  { query: 'seed=-1', key: 'seed', why: 'negative seed' },
  { query: 'seed=4294967296', key: 'seed', why: 'seed beyond 32 bits' },
  { query: 'method=fast', key: 'method', why: 'unknown method' },
  { query: 'backend=cuda', key: 'backend', why: 'unknown backend' },
  { query: 'view=%00', key: 'view', why: 'NUL byte' },
  { query: 'n=0x100', key: 'n', why: 'hex literal' },
  { query: 'n=1%2', key: 'n', why: 'malformed percent-encoding' },
  { query: 'n=64&n=128', key: 'n', why: 'key given twice' },
  { query: 'act=leaky:5', key: 'act', why: 'leaky slope out of range' },
  { query: 'act=leaky:abc', key: 'act', why: 'leaky slope not a number' },
  { query: 'ntk=maybe', key: 'ntk', why: 'not a boolean' },
  { query: 'v=99', key: 'v', why: 'schema from the future' },
  { query: 'weights=orthogonal', key: 'weights', why: 'orthogonal weights with the gram method' },
  { query: 'weights=sparse:0', key: 'weights', why: 'sparse fraction 0' },
  { query: 'layer=50&L=10', key: 'layer', why: 'layer deeper than the network' },
  { query: 'n=4096&L=1000&M=100000&method=explicit&backend=cpu', key: 'M', why: 'work far beyond the CPU budget' },
  // Issue 20: accepted once, silently changed or never finishing.
  { query: 'weights=sparse:1e-9&method=explicit', key: 'weights', why: 'sparse fraction keeping no weight' },
  { query: 'sb2=1e-400', key: 'sb2', why: 'bias variance underflowing to 0' },
  { query: 'act=leaky:1e-400', key: 'act', why: 'leaky slope underflowing to 0' },
  { query: 'arch=resnet&ntk=1', key: 'ntk', why: 'NTK asked of a ResNet' },
  { query: 'arch=shaped&ntk=1', key: 'ntk', why: 'NTK asked of a shaped MLP' },
  { query: 'M=100000&L=10000&n=1&backend=cpu', key: 'M', why: '10⁹ network-layers on the CPU' },
  { query: 'view=commute&nmin=4&nmax=65536&Lmax=10000&M=100&backend=cpu', key: 'nmax', why: 'commutation map far beyond the limit' },
  { query: Array.from({ length: 3000 }, (_, i) => `u${i}=1`).join('&'), key: 'u0', why: '3000 unknown keys' },
  // Issue 17: the training views' keys and sizes.
  { query: 'view=coord&param=sp,__proto__', key: 'param', why: 'unknown parametrisation in a list' },
  { query: 'view=coord&lr=1e400', key: 'lr', why: 'overflowing learning rate' },
  { query: 'view=coord&steps=-3', key: 'steps', why: 'negative training steps' },
  { query: 'view=transfer&Lmin=1&Lmax=1000&twidth=4096&backend=cpu', key: 'twidth', why: 'training depth sweep far beyond the CPU and memory budgets' },
  { query: 'view=movement&opt=adam&nmin=8192&nmax=16384&nets=2&steps=1&backend=cpu', key: 'nmax', why: 'a trained network over the memory budget' },
  { query: '__proto__=1', key: '__proto__', why: 'prototype key' },
  { query: 'constructor=1', key: 'constructor', why: 'prototype key' },
];

// ---------------------------------------------------------------------------------------------
// Seeded fuzz inputs (issue 20 §5): a reproducible stream of hostile queries — numbers, encodings,
// unknown and duplicate keys, compact `z=` payloads and jointly absurd sizes — for the CLI's decode
// path (bin/cli.fuzz.test.ts, in `npm test`) and a sample in Chromium (e2e/hostile.spec.ts).
// ---------------------------------------------------------------------------------------------

/** mulberry32: a tiny seeded generator (not for science: only to pick fuzz cases reproducibly). */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface FuzzCase {
  readonly query: string;
  /** The family it comes from (numbers, encodings, keys, compact, sizes, tokens). */
  readonly family: string;
}

const NUMERIC_KEYS = ['n', 'L', 'sw2', 'sb2', 'alpha', 'q1', 'q2', 'rho0', 'k', 'M', 'seed', 'cp', 'cm', 'layer', 'nmin', 'nmax', 'Lmin', 'Lmax', 'sw2max', 'sb2max', 'grid', 'v'];
const ENUM_KEYS: Record<string, readonly string[]> = {
  arch: ['mlp', 'resnet', 'shaped', 'MLP', 'cnn', ''],
  method: ['gram', 'explicit', 'Gram', 'exact'],
  backend: ['auto', 'cpu', 'webgpu', 'gpu', 'cuda'],
  view: ['depth', 'hist', 'width', 'commute', 'regime', 'sde', 'contrast', 'phase', 'finite', 'Depth', '3d'],
  stat: ['w1', 'mean', 'sd', 'w2'],
  obs: ['rho', 'logq', 'q'],
  ntk: ['0', '1', 'true', 'false', 'yes', '2', ''],
  predict: ['0', '1', 'on'],
  proj: ['0', '1', '-1'],
};

/** Literals that a number parser might read differently from what was written. */
const NUMBER_LITERALS = [
  '', '-', '+', '.', 'e5', '1e', '-0', '+0', '0.0', '+64', '64.', '.5', '6.4e1', '6.4E+1', '640e-1', '1e-400', '-1e-400', '1e400', '-1e400',
  '1e-320', '5e-324', '2e-324', '1.7976931348623157e308', '1.8e308', 'NaN', 'nan', 'Infinity', '-Infinity', 'inf', '0x10', '0b11', '0o7',
  '1_000', '1,5', '١٢', '６４', ' 64', '64 ', '\t64', '64\n', '9'.repeat(64), '9'.repeat(65), '0'.repeat(60) + '1', '1' + '0'.repeat(30),
  '4294967295', '4294967296', '-4294967295', '2147483648', '9007199254740993', '0.1e1', '00064', '-00', '1e+01', '1e-01', '12.5', '3.0',
];

const ENCODINGS = [
  '%', '%%', '%G1', '%1', '%E0%A4%A', '%00', '%0A', '%C0%AF', '%ED%A0%80', '%F0%9F%92%A9', '%2526', '%252B', '%2B64', '%20', '%FF', '%C3%A9', '+', '++', '%u0041',
];

const TOKEN_VALUES: Record<string, readonly string[]> = {
  act: ['relu', 'tanh', 'leaky', 'leaky:0.1', 'leaky:-1', 'leaky:1', 'leaky:1e-400', 'leaky:1.0000001', 'leaky:+0.5', 'leaky:', 'leaky:0.1:2', 'Relu', 'relu ', 'sin', 'x=>x', 'eval(1)', 'gelu\u0000', 'tanh%00'],
  weights: ['gaussian', 'orthogonal', 'rademacher', 'sparse:1', 'sparse:0.5', 'sparse:1e-9', 'sparse:1e-400', 'sparse:0', 'sparse:1.5', 'sparse:-0.5', 'sparse:', 'lowrank:0', 'lowrank:1', 'lowrank:999999', 'lowrank:9999999', 'lowrank:1.5', 'lowrank:-1'],
};

const UNKNOWN_KEYS = ['foo', 'N', 'n ', ' n', 'width', 'depth', '__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf', '', '=', 'z2', 'Z', 'V', 'é', '💩', '<b>', 'n\u0000', 'a'.repeat(200)];

/** Number values near a key's range: inside, at and just beyond each end, fractional for integers. */
function boundaryValues(key: string): string[] {
  const ranges: Record<string, [number, number]> = {
    n: [1, 65536], L: [1, 10000], sw2: [0, 64], sb2: [0, 64], alpha: [0, 1], q1: [0, 100], q2: [0, 100], rho0: [-1, 1], k: [2, 16],
    M: [0, 100000], seed: [0, 4294967295], cp: [-20, 20], cm: [-20, 20], layer: [0, 10000], nmin: [1, 65536], nmax: [1, 65536],
    Lmin: [1, 10000], Lmax: [1, 10000], sw2max: [0, 64], sb2max: [0, 64], grid: [5, 201], v: [1, 1],
  };
  const [lo, hi] = ranges[key] ?? [0, 1];
  return [lo, hi, lo - 1, hi + 1, lo + 0.5, hi - 0.5, lo - 1e-9, hi * (1 + 1e-12), (lo + hi) / 2].map((x) => String(x));
}

/** Compact payloads: valid packs, their mutations, and noise (no import of the codec: bytes by hand). */
function compactPayloads(rand: () => number): string[] {
  const b64 = (bytes: number[]) => btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  const randomBytes = (len: number) => Array.from({ length: len }, () => Math.floor(rand() * 256));
  const out = [
    b64([1]),
    b64([1, 3, 64]), // n = 64 (key index 3, LEB128 varint)
    b64([1, 3, 0x80, 0x80, 0x04]), // n = 65536
    b64([1, 3, 0x81, 0x80, 0x04]), // n = 65537: out of range
    b64([1, 3, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f]), // an integer far too long
    b64([1, 1, 9]), // arch value 9
    b64([1, 2, 4, 114, 101, 108, 117]), // act = 'relu'
    b64([1, 2, 200, 114]), // act length 200, truncated
    b64([1, 2, 6, 60, 115, 99, 114, 105, 112]), // act '<scrip' truncated
    b64([0, 3, 64]), // v = 0: no migration
    b64([99, 3, 64]), // v = 99: from the future
    b64([1, 0, 1]), // key 0 (v) inside the payload
    b64([1, 3, 64, 3, 65]), // n twice
    b64([1, 5, 8, 49, 101, 45, 52, 48, 48, 48, 48]), // sw2 '1e-40000'
    b64([1, 6, 6, 49, 101, 45, 52, 48, 48]), // sb2 '1e-400'
    '', '=', '====', '!!!', 'AQ==', 'AQ', 'A', '-_-_', 'x'.repeat(513), 'AQM%41',
  ];
  for (let i = 0; i < 12; i++) out.push(b64([1, ...randomBytes(1 + Math.floor(rand() * 24))]));
  return out;
}

function pick<T>(rand: () => number, xs: readonly T[]): T {
  return xs[Math.floor(rand() * xs.length)];
}

/**
 * `count` hostile queries from `seed` (the same seed gives the same queries on every machine).
 * Families are interleaved so that any prefix samples all of them.
 */
export function hostileFuzzCases(seed = 20, count = 600): FuzzCase[] {
  const rand = mulberry32(seed);
  const z = compactPayloads(rand);
  const valid = () => pick(rand, ['act=tanh', 'L=7', 'n=32', 'M=4', 'backend=cpu', 'sw2=1.5', 'view=width', 'arch=resnet', 'method=explicit']);
  const families: [string, () => string][] = [
    ['numbers', () => {
      const key = pick(rand, NUMERIC_KEYS);
      const value = rand() < 0.6 ? pick(rand, NUMBER_LITERALS) : pick(rand, boundaryValues(key));
      return `${key}=${encodeURIComponent(value)}`;
    }],
    ['numbers-raw', () => `${pick(rand, NUMERIC_KEYS)}=${pick(rand, NUMBER_LITERALS.filter((v) => !/[\s&#%]/.test(v)))}`],
    ['encodings', () => {
      const enc = pick(rand, ENCODINGS);
      const where = Math.floor(rand() * 3);
      const key = pick(rand, NUMERIC_KEYS);
      return where === 0 ? `${key}=${enc}` : where === 1 ? `${key}${enc}=1` : `${enc}=${enc}&${key}=2`;
    }],
    ['keys', () => {
      const r = rand();
      if (r < 0.3) return `${encodeURIComponent(pick(rand, UNKNOWN_KEYS))}=${pick(rand, ['1', '', 'x'])}`;
      if (r < 0.6) {
        const key = pick(rand, [...NUMERIC_KEYS, ...Object.keys(ENUM_KEYS)]);
        return `${key}=1&${key}=${pick(rand, ['1', '2', ''])}`;
      }
      if (r < 0.75) return `${pick(rand, ['&&&', '==', 'n==64', '=64', 'n', '&n', '?n=8', '#L=3', 'n=8#n=9', 'n=8?L=3'])}`;
      return Object.entries(ENUM_KEYS).map(([k, vs]) => `${k}=${encodeURIComponent(pick(rand, vs))}`).filter(() => rand() < 0.4).join('&') || 'arch=cnn';
    }],
    ['compact', () => {
      const r = rand();
      if (r < 0.6) return `z=${pick(rand, z)}`;
      if (r < 0.8) return `z=${pick(rand, z)}&n=${pick(rand, ['8', '64', 'abc'])}`;
      return `z=${pick(rand, z)}&z=${pick(rand, z)}`;
    }],
    ['sizes', () => {
      const big = (key: string, max: number) => `${key}=${pick(rand, [max, Math.round(max / 2), Math.round(max / 10), Math.round(max / 100)])}`;
      const view = pick(rand, ['depth', 'hist', 'width', 'commute', 'regime', 'sde', 'contrast', 'finite', 'phase']);
      const parts = [`view=${view}`, big('M', 100000), big('n', 65536), big('L', 10000)];
      if (rand() < 0.5) parts.push(big('nmax', 65536), big('Lmax', 10000), 'nmin=1', 'Lmin=1');
      if (rand() < 0.3) parts.push('method=explicit');
      if (rand() < 0.3) parts.push(`k=${pick(rand, [2, 8, 16])}`);
      if (rand() < 0.3) parts.push(`arch=${pick(rand, ['resnet', 'shaped'])}`);
      if (rand() < 0.3) parts.push(`backend=${pick(rand, ['cpu', 'webgpu', 'auto'])}`);
      if (view === 'phase') parts.push('grid=201', 'M=0');
      return parts.join('&');
    }],
    ['tokens', () => {
      const key = pick(rand, Object.keys(TOKEN_VALUES));
      const value = pick(rand, TOKEN_VALUES[key]);
      return `${key}=${encodeURIComponent(value)}${key === 'weights' && rand() < 0.7 ? '&method=explicit' : ''}${rand() < 0.3 ? `&n=${pick(rand, [1, 4, 64, 1024])}` : ''}`;
    }],
  ];
  const out: FuzzCase[] = [];
  for (let i = 0; out.length < count; i++) {
    const [family, make] = families[i % families.length];
    let query = make();
    // Mix in valid keys, so a hostile one cannot hide behind a rejected neighbour.
    if (rand() < 0.4) query = rand() < 0.5 ? `${valid()}&${query}` : `${query}&${valid()}`;
    if (rand() < 0.1) query = pick(rand, ['?', '#', 'http://localhost:5173/?', 'https://x.example/lab/#']) + query;
    out.push({ query, family });
  }
  // One case of each extreme length/count the issue names.
  out.push({ query: Array.from({ length: 3000 }, (_, i) => `junk${i}=1`).join('&'), family: 'keys' });
  out.push({ query: `n=64&${'L=5&'.repeat(500)}M=2`, family: 'keys' });
  return out;
}
