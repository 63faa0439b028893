// Measures synthesis of the 500-spec benchmark workload (the model gen-specs.mjs yields once validated and defaulted:
// 10 groups, 90 users, 200 EC2 instances, 200 buckets → 401 stacks).
// Usage: npx tsc -p tsconfig.json && node scripts/measure-synth.mjs [--runs N] [--out DIR]
// Reports wall and CPU time; on a busy machine CPU time is the steadier figure.
import { performance } from 'node:perf_hooks';

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const at = args.indexOf(name);
  return at === -1 ? fallback : args[at + 1];
};
const runs = Math.max(1, Number(option('--runs', '5')));
const outDir = option('--out', undefined);

const spec = (kind, name, body, metadata = {}) => ({
  kind,
  metadata: { name, labels: {}, ...metadata },
  spec: body,
  file: `infra-specs/${name}.yaml`,
  hash: `${kind}/${name}`,
});
const specs = [];
for (let g = 0; g < 10; g++) {
  specs.push(spec('OktaGroup', `team-${g}`, { displayName: `team-${g}`, description: `Team ${g}` }));
}
for (let u = 0; u < 90; u++) {
  const body = {
    email: `user${u}@demoac.com`,
    login: `user${u}@demoac.com`,
    firstName: 'User',
    lastName: `Number${u}`,
    status: 'ACTIVE',
    groups: [`team-${u % 10}`, `team-${(u + 3) % 10}`],
    customAttributes: {},
  };
  specs.push(spec('OktaUser', `user-${u}`, body));
}
for (let i = 0; i < 200; i++) {
  const body = { region: 'us-east-1', instanceType: 't3.micro', image: 'ubuntu-24.04', rootVolumeGiB: 8, tags: {} };
  specs.push(spec('Ec2Instance', `box-${i}`, body, { ttl: '2h', ttlMs: 7_200_000 }));
}
for (let i = 0; i < 200; i++) {
  const body = {
    region: 'us-east-1',
    bucketName: `acme-bucket-${i}`,
    versioning: true,
    encryption: 'AES256',
    forceDestroy: false,
  };
  specs.push(spec('S3Bucket', `bucket-${i}`, body));
}
const settings = {
  repository: 'acme/infra',
  defaultRegion: 'us-east-1',
  terraform: { stateBucket: 'acme-tfstate', stateRegion: 'us-east-1', stateKeyPrefix: 'infra-bot' },
  localStateDir: 'data/state',
};

/** Wall and CPU milliseconds of fn. */
const timed = (fn) => {
  const wall = performance.now();
  const cpu = process.cpuUsage();
  const result = fn();
  const used = process.cpuUsage(cpu);
  return { result, wall: performance.now() - wall, cpu: (used.user + used.system) / 1000 };
};
const fmt = ({ wall, cpu }) => `${wall.toFixed(0)} ms wall / ${cpu.toFixed(0)} ms cpu`;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const importStart = performance.now();
const { synthesize, writeSynthOutput } = await import('../lib/synth/synthesize.js');
const { engine } = await import('../lib/synth/engine.js');
const importMs = performance.now() - importStart;
const load = timed(() => engine());
const first = timed(() => synthesize(specs, { settings }));
const warm = Array.from({ length: runs }, () => timed(() => synthesize(specs, { settings })));
const stacks = first.result;
if (outDir) await writeSynthOutput(outDir, stacks);

const resources = stacks.reduce((sum, stack) => sum + stack.resourceCount, 0);
console.log(`specs ${specs.length} → stacks ${stacks.length}, resources ${resources}`);
console.log(`import synth room: ${importMs.toFixed(0)} ms; load CDKTF + providers: ${fmt(load)}`);
console.log(`first synthesis (cold JIT, what one CLI run pays): ${fmt(first)}`);
console.log(
  `warm synthesis, median of ${runs}: ${fmt({ wall: median(warm.map((r) => r.wall)), cpu: median(warm.map((r) => r.cpu)) })}`,
);
console.log(`heap used after: ${(process.memoryUsage().heapUsed / 1048576).toFixed(0)} MB`);
