/**
 * Writes test/url/frozenLinks.json: links across every view (plain and compact `z=` form, some of
 * an older schema version) with the digest each gives today on the CPU backend. Run it only when a
 * change is *meant* to change what links mean (and say so in the commit):
 *   node bin/run-ts.mjs tools/links/freezeLinks.ts            (every link, afresh)
 *   node bin/run-ts.mjs tools/links/freezeLinks.ts --append   (only links not in the file yet)
 * src/url/frozenLinks.test.ts then holds every later change to that list.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { resultDigest } from '../../src/experiments/digest.ts';
import { createCpuBackend } from '../../src/backends/cpu/cpuBackend.ts';
import { runSpec } from '../../src/experiments/runSpec.ts';
import { decodeSpec, encodeSpecCompact } from '../../src/url/codec.ts';

/** Plain links: every view, every architecture, enums and tokens of every kind, small M. */
const PLAIN = [
  'v=2&M=12&n=16&L=5',
  'v=2&act=tanh&sw2=1.5&sb2=0.05&n=24&L=6&M=10',
  'v=2&arch=resnet&alpha=0.5&act=relu&n=16&L=8&M=10',
  'v=2&arch=resnet&alpha=0&act=tanh&sw2=1&n=12&L=6&M=8',
  'v=2&arch=shaped&cp=0&cm=-1&sw2=1&n=16&L=8&M=10',
  'v=2&act=erf&method=explicit&n=12&L=4&M=6&k=3',
  'v=2&act=leaky:0.2&ntk=1&n=16&L=4&M=8&seed=9',
  'v=2&act=identity&sw2=1&weights=orthogonal&method=explicit&n=8&L=6&M=6',
  'v=2&weights=sparse:0.5&method=explicit&n=12&L=3&M=6',
  'v=2&view=hist&act=tanh&n=16&L=5&M=20&layer=3',
  'v=2&view=hist&q1=1.5&q2=0.5&rho0=-0.3&n=16&L=4&M=12',
  'v=2&view=width&nmin=4&nmax=32&L=4&M=8',
  'v=2&view=width&act=tanh&sw2=1.5&sb2=0.05&nmin=8&nmax=64&L=3&M=6',
  'v=2&view=commute&nmin=4&nmax=16&Lmin=1&Lmax=8&M=6',
  'v=2&view=commute&obs=logq&stat=sd&nmin=4&nmax=16&Lmin=2&Lmax=8&M=6',
  'v=2&view=commute&stat=mean&act=tanh&sw2=1.5&nmin=4&nmax=8&Lmin=1&Lmax=4&M=6',
  'v=2&view=regime&arch=resnet&act=relu&sw2=1&n=4&L=4&M=20',
  'v=2&view=regime&arch=resnet&act=identity&sw2=1&sb2=1&n=4&L=4&M=12',
  'v=2&view=sde&arch=shaped&cp=0&cm=-1&sw2=1&n=16&L=8&M=20&nmin=8',
  'v=2&view=sde&arch=shaped&cp=1&cm=-2&sw2=1&n=16&L=16&M=12&nmin=8',
  'v=2&view=contrast&cp=0&cm=-1&n=8&L=8&M=12',
  'v=2&view=contrast&cp=0.5&cm=-1.5&n=16&L=4&M=10',
  'v=2&view=phase&act=tanh&grid=5&M=0',
  'v=2&view=phase&act=erf&grid=5&sw2max=3&sb2max=0.3&M=0',
  'v=2&view=finite&act=relu&sb2=0.1&rho0=0&L=3&nmin=8&nmax=32&M=20',
  'v=2&view=finite&act=identity&sw2=1&L=3&nmin=8&nmax=16&M=12',
  // The page-only keys and the backend do not change the digest: these equal their plain twins.
  'v=2&M=12&n=16&L=5&proj=1&predict=1&embed=1&backend=cpu',
  'v=2&view=width&nmin=4&nmax=32&L=4&M=8&backend=auto&proj=1',
  // Schema v1 links (defaults nmax = 1024, Lmax = 256 written out by the migration).
  'v=1&view=width&nmin=512&L=3&M=4',
  'v=1&view=commute&nmin=64&Lmin=128&M=2&obs=logq',
  // No version: the current schema.
  'act=tanh&n=8&L=3&M=6',
  // Controlled ResNets driven by paths (issue 16): the depth profile, fresh weights, the signature view.
  'v=2&arch=cresnet&act=erf&sw2=1.5&n=12&L=6&M=8&paths=sine:0.5,0,0.5_line:1,0.5_bm:3,0.5&k=3',
  'v=2&arch=cresnet&act=identity&share=0&s02=0.5&n=8&L=8&M=10&pdim=1&paths=sine:1,0,0.2_pl:0,0.3,-0.2',
  'v=2&view=signature&arch=cresnet&act=relu&sw2=1&n=8&L=4&M=6&nmin=4&nmax=8&Lmin=2&Lmax=4&refine=1',
  // Standard vs shaped attention (issue 15 §2): the comparison view.
  'v=2&view=collapse&arch=attention&k=3&rho0=0.2&n=16&L=8&M=8',
  // Training views (issue 17): every view, `auto` and explicit learning rates and steps, both optimisers, every task.
  'v=2&view=coord&nmin=16&nmax=64&nets=2&steps=1&seed=3',
  'v=2&view=coord&opt=adam&lr=0.001&param=mup,mf&task=spirals&nmin=8&nmax=32&nets=3&steps=2&tdepth=3',
  'v=2&view=movement&act=tanh&sw2=1&nmin=16&nmax=32&nets=2&steps=2',
  'v=2&view=ntkreg&nmin=16&nmax=32&nets=2&steps=3&ntrain=8&param=ntk,mup,mf',
  'v=2&view=transfer&opt=adam&nmin=8&nmax=16&Lmin=2&Lmax=4&twidth=8&steps=4&ntrain=8&task=circles&batch=4',
  'v=2&view=ntkinit&act=erf&nmin=8&nmax=16&Lmin=1&Lmax=2&M=4',
];

/** The compact twins of some plain links (same experiment, `z=` form). */
const COMPACT_OF = [0, 2, 4, 9, 11, 13, 16, 18, 20, 22, 24, 36];

/**
 * --append: freeze only the links the file does not hold yet (a new view's), keeping every frozen
 * digest as it is — the way to add links without re-deciding the old ones.
 */
const APPEND = process.argv.includes('--append');

async function main(): Promise<void> {
  const cpu = createCpuBackend();
  const held: { link: string }[] = APPEND ? (JSON.parse(readFileSync('test/url/frozenLinks.json', 'utf8')) as { links: { link: string }[] }).links : [];
  // digest: the rule the list was first frozen with (roots hashed as computed); digestNow: the digest
  // shown today where it differs (a phase-diagram root under its resolution is hashed as 0).
  const links: { link: string; digest: string; digestNow?: string; why?: string }[] = [...(held as { link: string; digest: string }[])];
  const queries = [...PLAIN, ...COMPACT_OF.map((i) => encodeSpecCompact(decodeSpec(PLAIN[i]).spec))].filter((q) => !held.some((h) => h.link === q));
  for (const link of queries) {
    const d = decodeSpec(link);
    if (d.issues.length > 0) throw new Error(`${link}: ${d.issues.map((i) => i.message).join('; ')}`);
    const result = await runSpec({ ...d.spec, backend: 'cpu' }, { backend: cpu });
    const frozen = resultDigest(result, { rootsAtResolution: false });
    links.push(frozen === result.digest ? { link, digest: frozen } : { link, digest: frozen, digestNow: result.digest!, why: 'a phase-diagram root (q*) under its solver resolution is hashed as 0 (digest.ts ROOT_RESOLUTION); the numbers are unchanged' });
    process.stderr.write(`${result.digest}  ${link}\n`);
  }
  writeFileSync('test/url/frozenLinks.json', `${JSON.stringify({ note: 'written by tools/links/freezeLinks.ts; held by src/url/frozenLinks.test.ts', links }, null, 1)}\n`);
}

await main();
