import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { synthesize, writeSynthOutput } from '../../../src/synth/synthesize.js';
import { bucket, ec2, s3Settings } from './fixtures.js';

let out: string;
beforeEach(() => {
  out = fs.mkdtempSync(path.join(os.tmpdir(), 'synth-out-'));
});
afterEach(() => {
  fs.rmSync(out, { recursive: true, force: true });
});

const read = (...parts: string[]) => fs.readFileSync(path.join(out, ...parts), 'utf8');

describe('writeSynthOutput', () => {
  it('layout › one cdk.tf.json per stack and a CDKTF manifest', async () => {
    const stacks = synthesize([ec2('box'), bucket('logs')], { settings: s3Settings });
    await writeSynthOutput(out, stacks);
    expect(read('stacks', 'ec2-box', 'cdk.tf.json')).toBe(stacks[0]!.json);
    expect(read('stacks', 's3-logs', 'cdk.tf.json')).toBe(stacks[1]!.json);
    expect(JSON.parse(read('manifest.json'))).toEqual({
      version: '0.21.0',
      stacks: {
        'ec2-box': {
          name: 'ec2-box',
          constructPath: 'ec2-box',
          workingDirectory: 'stacks/ec2-box',
          synthesizedStackPath: 'stacks/ec2-box/cdk.tf.json',
          stackMetadataPath: 'stacks/ec2-box/metadata.json',
          annotations: [],
          dependencies: [],
        },
        's3-logs': {
          name: 's3-logs',
          constructPath: 's3-logs',
          workingDirectory: 'stacks/s3-logs',
          synthesizedStackPath: 'stacks/s3-logs/cdk.tf.json',
          stackMetadataPath: 'stacks/s3-logs/metadata.json',
          annotations: [],
          dependencies: [],
        },
      },
    });
  });

  it('stale stacks › directories of stacks no longer synthesised are removed, other files kept', async () => {
    await writeSynthOutput(out, synthesize([ec2('box'), bucket('logs')], { settings: s3Settings }));
    fs.writeFileSync(path.join(out, 'stacks', 'README'), 'keep me');
    await writeSynthOutput(out, synthesize([bucket('logs')], { settings: s3Settings }));
    expect(fs.readdirSync(path.join(out, 'stacks')).sort()).toEqual(['README', 's3-logs']);
    expect(Object.keys((JSON.parse(read('manifest.json')) as { stacks: object }).stacks)).toEqual(['s3-logs']);
  });

  it('rewrite › identical input gives identical files', async () => {
    const specs = [ec2('box'), bucket('logs')];
    await writeSynthOutput(out, synthesize(specs, { settings: s3Settings }));
    const first = [read('manifest.json'), read('stacks', 'ec2-box', 'cdk.tf.json')];
    await writeSynthOutput(out, synthesize(specs, { settings: s3Settings }));
    expect([read('manifest.json'), read('stacks', 'ec2-box', 'cdk.tf.json')]).toEqual(first);
  });

  it('rewrite › a shorter stack over a longer one leaves no trailing bytes, a longer one is written whole', async () => {
    const long = `{\n  "x": "${'a'.repeat(5000)}"\n}\n`;
    await writeSynthOutput(out, [{ name: 'box', json: long }]);
    await writeSynthOutput(out, [{ name: 'box', json: '{}\n' }]);
    expect(read('stacks', 'box', 'cdk.tf.json')).toBe('{}\n');
    await writeSynthOutput(out, [{ name: 'box', json: long }]);
    expect(read('stacks', 'box', 'cdk.tf.json')).toBe(long);
  });

  it('rewrite › a stack file that cannot be opened is an error, not skipped', async () => {
    fs.mkdirSync(path.join(out, 'stacks', 'box', 'cdk.tf.json'), { recursive: true });
    await expect(writeSynthOutput(out, [{ name: 'box', json: '{}\n' }])).rejects.toMatchObject({ code: 'EISDIR' });
  });

  it.each(['../escape', '.', 'a/b', ''])('stack name %j › rejected before anything is written', async (name) => {
    await expect(writeSynthOutput(out, [{ name, json: '{}\n' }])).rejects.toMatchObject({
      code: 'invalid-stack-name',
    });
    expect(fs.readdirSync(out)).toEqual([]);
  });
});
