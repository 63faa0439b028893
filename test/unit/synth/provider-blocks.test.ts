import { describe, expect, it } from '@jest/globals';
import type { TerraformElement } from 'cdktf';
import { createApp, engine } from '../../../src/synth/engine.js';
import { ProviderBlocks } from '../../../src/synth/provider-blocks.js';
import { synthesize } from '../../../src/synth/synthesize.js';
import { withTokenScope } from '../../../src/synth/token-scope.js';
import { bucket, ec2, parse, s3Settings } from './fixtures.js';

type Json = Record<string, unknown>;

/** Renders like stack-config.ts does, counting the renders. */
function counting(): { render: (element: TerraformElement) => Json; count: () => number } {
  let renders = 0;
  return {
    render: (element) => {
      renders++;
      return element.toTerraform() as Json;
    },
    count: () => renders,
  };
}

describe('ProviderBlocks', () => {
  it('same provider in two stacks › rendered once, the same block for both, frozen', () => {
    withTokenScope(() => {
      const { TerraformStack, aws } = engine();
      const app = createApp();
      const first = new aws.AwsProvider(new TerraformStack(app, 'one'), 'aws', { region: 'us-east-1' });
      const second = new aws.AwsProvider(new TerraformStack(app, 'two'), 'aws', { region: 'us-east-1' });
      const blocks = new ProviderBlocks();
      const { render, count } = counting();
      const block = blocks.block(first, render);
      expect(blocks.block(second, render)).toBe(block);
      expect(count()).toBe(1);
      expect(block).toEqual(second.toTerraform());
      expect(Object.isFrozen((block as { provider: { aws: unknown[] } }).provider.aws[0])).toBe(true);
    });
  });

  it('different settings › rendered apart', () => {
    withTokenScope(() => {
      const { TerraformStack, aws } = engine();
      const app = createApp();
      const east = new aws.AwsProvider(new TerraformStack(app, 'one'), 'aws', { region: 'us-east-1' });
      const west = new aws.AwsProvider(new TerraformStack(app, 'two'), 'aws', { region: 'us-west-2' });
      const aliased = new aws.AwsProvider(new TerraformStack(app, 'three'), 'aws', {
        region: 'us-east-1',
        alias: 'east',
      });
      const blocks = new ProviderBlocks();
      const { render, count } = counting();
      for (const provider of [east, west, aliased, east]) blocks.block(provider, render);
      expect(count()).toBe(3);
    });
  });

  it('a token in the settings › never cached (its rendering depends on the stack)', () => {
    withTokenScope(() => {
      const { TerraformStack, aws } = engine();
      const stack = new TerraformStack(createApp(), 'one');
      const region = new aws.S3Bucket(stack, 'bucket', {}).region;
      const provider = new aws.AwsProvider(stack, 'aws', { region });
      const { render, count } = counting();
      expect(new ProviderBlocks().block(provider, render)).toBeUndefined();
      expect(count()).toBe(0);
    });
  });

  it('not a provider › left to the caller', () => {
    withTokenScope(() => {
      const { TerraformStack, aws } = engine();
      const resource = new aws.S3Bucket(new TerraformStack(createApp(), 'one'), 'bucket', {});
      expect(new ProviderBlocks().block(resource, counting().render)).toBeUndefined();
    });
  });

  it('synthesis › every stack still carries its own provider block', () => {
    const stacks = synthesize([ec2('a'), ec2('b', { region: 'eu-west-1' }), bucket('c')], { settings: s3Settings });
    expect(stacks.map((stack) => parse(stack.json).provider?.aws)).toEqual([
      [{ region: 'us-east-1' }],
      [{ region: 'eu-west-1' }],
      [{ region: 'us-east-1' }],
    ]);
  });
});
