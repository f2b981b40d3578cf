/**
 * The cluster recipes are well-formed and call the CLI with the right flags — and, run here as local
 * processes (no Slurm, Kubernetes or Docker on this machine), they produce parts whose merge is the
 * unsharded document: the Slurm array script with SLURM_ARRAY_TASK_ID = 0..N−1, the Indexed Job's
 * container command with JOB_COMPLETION_INDEX = 0..N−1, then each recipe's merge step.
 */
import { execFile } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const exec = promisify(execFile);
const here = (p: string) => new URL(p, import.meta.url).pathname;
const BIN = here('../bin/limits-lab.mjs');
const SPEC = 'view=width&act=tanh&nmin=8&nmax=32&L=4&M=10&seed=41';

async function unsharded(): Promise<string> {
  return (await exec(process.execPath, [BIN, 'run', SPEC, '--backend', 'cpu'], { maxBuffer: 64 << 20 })).stdout;
}

/** A directory holding a `limits-lab` that runs this checkout (what the image's symlink does). */
function shimPath(): string {
  const dir = mkdtempSync(join(tmpdir(), 'll-bin-'));
  writeFileSync(join(dir, 'limits-lab'), `#!/bin/sh\nexec "${process.execPath}" "${BIN}" "$@"\n`);
  chmodSync(join(dir, 'limits-lab'), 0o755);
  return `${dir}:${process.env.PATH}`;
}

interface Container {
  name: string;
  image: string;
  command: string[];
  env: { name: string; value: string }[];
  volumeMounts: { name: string; mountPath: string }[];
}

function job(file: string): { kind: string; spec: { completionMode?: string; completions?: number; parallelism?: number; template: { spec: { restartPolicy: string; containers: Container[]; volumes: { name: string }[] } } } } {
  return JSON.parse(readFileSync(here(file), 'utf8'));
}

describe('deploy/ recipes', () => {
  it('Slurm: the scripts parse, the array task runs its shard with --shard auto/N, the merge job merges every part', async () => {
    for (const f of ['slurm/limits-lab-array.sbatch', 'slurm/limits-lab-merge.sbatch', 'slurm/submit.sh']) await exec('bash', ['-n', here(f)]);
    const array = readFileSync(here('slurm/limits-lab-array.sbatch'), 'utf8');
    expect(array).toMatch(/^#!\/bin\/bash\n/);
    expect(array).toMatch(/^\$LIMITS_LAB run "\$SPEC" --backend cpu --threads "\$\{SLURM_CPUS_PER_TASK:-1\}" \\\n {2}--shard "auto\/\$SHARDS" --out "\$RESULTS\/part-\$SLURM_ARRAY_TASK_ID.json"$/m);
    // #SBATCH directives come before the first command, or Slurm ignores them.
    const scriptLines = array.split('\n');
    const firstCommand = scriptLines.findIndex((l) => l.length > 0 && !l.startsWith('#'));
    const lastDirective = scriptLines.map((l, i) => (l.startsWith('#SBATCH') ? i : -1)).reduce((a, b) => Math.max(a, b));
    expect(lastDirective).toBeGreaterThan(0);
    expect(lastDirective).toBeLessThan(firstCommand);
    expect(readFileSync(here('slurm/submit.sh'), 'utf8')).toContain('--array="0-$((SHARDS - 1))"');

    const results = mkdtempSync(join(tmpdir(), 'll-slurm-'));
    const env = { ...process.env, RESULTS: results, LIMITS_LAB: `${process.execPath} ${BIN}`, SLURM_CPUS_PER_TASK: '1', RESULT: join(results, 'result.json') };
    await Promise.all([0, 1, 2, 3].map((i) => exec('bash', [here('slurm/limits-lab-array.sbatch'), SPEC, '4'], { env: { ...env, SLURM_ARRAY_TASK_ID: String(i) } })));
    for (let i = 0; i < 4; i++) expect(existsSync(join(results, `part-${i}.json`))).toBe(true);
    // A re-submitted array resumes: every task finds its part and says so.
    const again = await exec('bash', [here('slurm/limits-lab-array.sbatch'), SPEC, '4'], { env: { ...env, SLURM_ARRAY_TASK_ID: '3' } });
    expect(again.stderr).toContain('shard 3/4 is already in');
    await exec('bash', [here('slurm/limits-lab-merge.sbatch')], { env });
    expect(readFileSync(join(results, 'result.json'), 'utf8')).toBe(await unsharded());
  });

  it('Kubernetes: an Indexed Job whose N completions each run --shard auto/N into the shared volume; the merge Job merges them', async () => {
    const sweep = job('kubernetes/limits-lab-indexed-job.json');
    expect(sweep.kind).toBe('Job');
    expect(sweep.spec.completionMode).toBe('Indexed');
    const N = sweep.spec.completions!;
    expect(sweep.spec.parallelism).toBeLessThanOrEqual(N);
    const [shard] = sweep.spec.template.spec.containers;
    expect(sweep.spec.template.spec.restartPolicy).toBe('Never');
    expect(shard.command.slice(0, 2)).toEqual(['sh', '-c']);
    expect(shard.command[2]).toContain(`--shard auto/${N} `);
    expect(shard.command[2]).toContain('--out "$RESULTS/part-$JOB_COMPLETION_INDEX.json"');
    const merge = job('kubernetes/limits-lab-merge-job.json');
    const [merger] = merge.spec.template.spec.containers;
    for (const c of [shard, merger]) {
      const results = c.env.find((e) => e.name === 'RESULTS')!.value;
      expect(c.volumeMounts.map((m) => m.mountPath)).toContain(results);
      expect(c.image).toBe(shard.image);
    }

    // Run the containers' commands here, with the manifest's environment and a small SPEC.
    const results = mkdtempSync(join(tmpdir(), 'll-k8s-'));
    const base = { ...process.env, PATH: shimPath(), ...Object.fromEntries(shard.env.map((e) => [e.name, e.value])), SPEC, RESULTS: results, THREADS: '1' };
    await Promise.all(Array.from({ length: N }, (_, i) => exec('sh', ['-c', shard.command[2]], { env: { ...base, JOB_COMPLETION_INDEX: String(i) } })));
    await exec('sh', ['-c', merger.command[2]], { env: { ...base } });
    expect(readFileSync(join(results, 'result.json'), 'utf8')).toBe(await unsharded());
  });

  it('Dockerfile: a Node ≥ 20.19 base, copies what the command imports, and its entry point is limits-lab', () => {
    const text = readFileSync(here('Dockerfile'), 'utf8');
    const instructions = text
      .replace(/\\\n/g, ' ')
      .split('\n')
      .filter((l) => l.trim().length > 0 && !l.trimStart().startsWith('#'));
    const known = /^(FROM|WORKDIR|COPY|RUN|USER|ENTRYPOINT|CMD|ENV|ARG|LABEL)\s/;
    for (const l of instructions) expect(l, l).toMatch(known);
    const from = /^FROM node:(\d+)/.exec(instructions[0]);
    expect(from).not.toBeNull();
    expect(Number(from![1])).toBeGreaterThanOrEqual(20);
    const copied = instructions.filter((l) => l.startsWith('COPY ')).flatMap((l) => l.split(/\s+/).slice(1, -1));
    for (const path of ['package.json', 'package-lock.json', 'tsconfig.json', 'src', 'bin', 'shaders']) expect(copied).toContain(path);
    for (const path of copied) expect(existsSync(here(`../${path}`)), path).toBe(true);
    expect(instructions).toContain('RUN npm ci --ignore-scripts --no-audit --no-fund');
    expect(instructions.find((l) => l.startsWith('ENTRYPOINT'))).toBe('ENTRYPOINT ["limits-lab"]');
    expect(text).toMatch(/ln -s \/opt\/limits-lab\/bin\/limits-lab\.mjs \/usr\/local\/bin\/limits-lab/);
    const ignore = readFileSync(here('Dockerfile.dockerignore'), 'utf8').split('\n');
    expect(ignore).toContain('node_modules');
  });
});
