// Fault switches (TF_DOUBLE_*): failures, hangs, noise, delays; and the invocation log.
import { appendFileSync } from 'node:fs';
import { basename } from 'node:path';
import { CliExit, error, warning } from './cli.mjs';

const FAILURES = {
  init: [
    error(
      'Failed to query available provider packages',
      'Could not retrieve the list of available versions for provider hashicorp/aws: could not connect to\nregistry.terraform.io: failed to request discovery document: Get\n"https://registry.terraform.io/.well-known/terraform.json": dial tcp: lookup registry.terraform.io: no such host',
    ),
  ],
  plan: [
    warning(
      'Argument is deprecated',
      '  with aws_s3_bucket.bucket,\n  on cdk.tf.json line 12, in resource.aws_s3_bucket.bucket:\n\nUse the aws_s3_bucket_acl resource instead',
    ),
    error(
      'reading S3 Bucket: operation error S3: HeadBucket, https response error StatusCode: 403, api error Forbidden: Forbidden',
      '  with aws_s3_bucket.bucket,\n  on cdk.tf.json line 12, in resource.aws_s3_bucket.bucket:\n  12:       }',
    ),
  ],
  show: [
    error(
      'Failed to read the given file as a state or plan file',
      'State read error: Error loading statefile: unsupported state format version\n\nPlan read error: zip: not a valid zip file',
    ),
  ],
  apply: [
    error(
      'creating S3 Bucket: operation error S3: CreateBucket, https response error StatusCode: 409, BucketAlreadyExists',
      '  with aws_s3_bucket.bucket,\n  on cdk.tf.json line 12, in resource.aws_s3_bucket.bucket:\n  12:       }',
    ),
  ],
  destroy: [
    error(
      'deleting S3 Bucket: operation error S3: DeleteBucket, https response error StatusCode: 409, BucketNotEmpty: The bucket you tried to delete is not empty',
      '  with aws_s3_bucket.bucket,\n  on cdk.tf.json line 12, in resource.aws_s3_bucket.bucket:',
    ),
  ],
};

const phases = (value) => (value ?? '').split(',').map((s) => s.trim());

/** Appends one JSON line per invocation; the only value logged is the (non-secret) access key id. */
export function logInvocation(env, argv) {
  if (!env.TF_DOUBLE_LOG) return;
  const line = {
    argv,
    program: basename(process.argv[1]),
    cwd: process.cwd(),
    envNames: Object.keys(env).sort(),
    awsAccessKeyId: env.AWS_ACCESS_KEY_ID ?? null,
    pid: process.pid,
    startedAt: Date.now(),
  };
  appendFileSync(env.TF_DOUBLE_LOG, `${JSON.stringify(line)}\n`);
}

export function failIfAsked(env, phase) {
  if (phases(env.TF_DOUBLE_FAIL).includes(phase)) throw new CliExit(1, FAILURES[phase]);
}

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Terraform's reaction to SIGINT/SIGTERM: announce, stop gracefully, exit 1 (or, when told to, ignore it). */
export function installInterruptHandler(ctx) {
  const onSignal = () => {
    ctx.out(
      `\nInterrupt received.\nPlease wait for ${ctx.brand.name} to exit or data loss may occur.\nGracefully shutting down...\n`,
    );
    if (ctx.env.TF_DOUBLE_IGNORE_SIGINT === '1') return;
    setTimeout(() => {
      ctx.err(ctx.format([error('execution halted')]));
      process.exit(1);
    }, 150);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
}

/** TF_DOUBLE_HANG=<phase>: never finishes on its own; only a signal ends it. */
export async function hangIfAsked(ctx, phase) {
  if (!phases(ctx.env.TF_DOUBLE_HANG).includes(phase)) return;
  ctx.out(`${phase}: still working...\n`);
  await new Promise(() => setInterval(() => {}, 1 << 30));
}

/** TF_DOUBLE_OUTPUT_BYTES=<n>: n bytes of refresh-like noise on stdout. */
export function noiseIfAsked(ctx) {
  let left = Number(ctx.env.TF_DOUBLE_OUTPUT_BYTES ?? 0);
  const line = 'aws_s3_bucket.noise: Refreshing state... [id=noise-0123456789abcdef0123456789abcdef]\n';
  const block = line.repeat(Math.ceil(65536 / line.length));
  while (left > 0) {
    const chunk = block.slice(0, Math.min(left, block.length));
    ctx.out(chunk);
    left -= chunk.length;
  }
}

/** TF_DOUBLE_ECHO_ENV=NAME,…: prints those variables' values, like a provider's debug log would. */
export function echoEnvIfAsked(ctx) {
  for (const name of phases(ctx.env.TF_DOUBLE_ECHO_ENV).filter(Boolean)) {
    ctx.out(`[DEBUG] provider.terraform-provider-aws: ${name}=${ctx.env[name] ?? ''}\n`);
  }
}
