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
  { query: '__proto__=1', key: '__proto__', why: 'prototype key' },
  { query: 'constructor=1', key: 'constructor', why: 'prototype key' },
];
