import { describe, expect, it } from '@jest/globals';
import { extractTerraformErrors } from '../../../src/plan/runner-errors.js';

describe('extractTerraformErrors', () => {
  it('plain (-no-color) diagnostics › keeps the Error blocks, drops warnings', () => {
    const stderr = [
      '',
      'Warning: Argument is deprecated',
      '',
      'Use something else',
      '',
      'Error: creating S3 Bucket (acme): BucketAlreadyExists',
      '',
      '  with aws_s3_bucket.bucket,',
      '  on cdk.tf.json line 12:',
      '',
      'Error: second problem',
      '',
    ].join('\n');

    expect(extractTerraformErrors(stderr)).toBe(
      'Error: creating S3 Bucket (acme): BucketAlreadyExists\n\n  with aws_s3_bucket.bucket,\n  on cdk.tf.json line 12:\n\nError: second problem',
    );
  });

  it('boxed, coloured diagnostics › box and colour removed', () => {
    const stderr = [
      '\u001b[31m╷\u001b[0m',
      '\u001b[31m│\u001b[0m \u001b[1m\u001b[31mError: \u001b[0m\u001b[0m\u001b[1mSaved plan is stale\u001b[0m',
      '\u001b[31m│\u001b[0m ',
      '\u001b[31m│\u001b[0m The given plan file can no longer be applied.',
      '\u001b[31m╵\u001b[0m',
      'unrelated trailing text',
    ].join('\n');

    expect(extractTerraformErrors(stderr)).toBe(
      'Error: Saved plan is stale\n\nThe given plan file can no longer be applied.',
    );
  });

  it('no Error block › empty', () => {
    expect(extractTerraformErrors('Interrupt received.\n')).toBe('');
  });

  it('enormous error text › truncated', () => {
    const text = extractTerraformErrors(`Error: big\n\n${'x'.repeat(100_000)}`);
    expect(text.length).toBeLessThan(17_000);
    expect(text.endsWith('… (truncated)')).toBe(true);
  });
});
