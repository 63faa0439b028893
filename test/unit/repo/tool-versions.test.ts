// terraform-version and opentofu-version are the one place the versions are chosen; the image and the Actions
// workflow template carry copies (a Dockerfile ARG and a workflow expression cannot read a file), kept equal here.
import { describe, expect, it } from '@jest/globals';
import { repoFile } from './repo-files.js';

const VERSION = /^1\.\d+\.\d+$/;

function pinned(file: string): string {
  const version = repoFile(file).trim();
  expect(version).toMatch(VERSION);
  return version;
}

function dockerArg(name: string): string | undefined {
  return new RegExp(`^ARG ${name}=(\\S+)$`, 'm').exec(repoFile('Dockerfile'))?.[1];
}

describe('pinned Terraform and OpenTofu versions', () => {
  it('terraform-version › is a 1.x release the Dockerfile ARG repeats', () => {
    expect(dockerArg('TERRAFORM_VERSION')).toBe(pinned('terraform-version'));
  });

  it('terraform-version › is the workflow template default and the version its setup comment names', () => {
    const workflow = repoFile('.github/workflows/infra-bot-terraform.yml');
    const defaults = [...workflow.matchAll(/vars\.INFRA_BOT_TERRAFORM_VERSION \|\| '([^']+)'/g)].map((m) => m[1]);
    expect(defaults.length).toBeGreaterThan(0);
    expect(new Set(defaults)).toEqual(new Set([pinned('terraform-version')]));
    expect(workflow).toMatch(
      new RegExp(`INFRA_BOT_TERRAFORM_VERSION optional, default ${pinned('terraform-version')}`),
    );
  });

  it('opentofu-version › is the Dockerfile OPENTOFU_VERSION build arg, and the image ships tofu', () => {
    expect(dockerArg('OPENTOFU_VERSION')).toBe(pinned('opentofu-version'));
    expect(repoFile('Dockerfile')).toMatch(/^COPY --from=opentofu \S+\/tofu \/usr\/local\/bin\/tofu$/m);
  });

  it('opentofu-version › is the workflow template default, verified with the Dockerfile key', () => {
    const workflow = repoFile('.github/workflows/infra-bot-terraform.yml');
    expect(/vars\.INFRA_BOT_OPENTOFU_VERSION \|\| '([^']+)'/.exec(workflow)?.[1]).toBe(pinned('opentofu-version'));
    expect(workflow).toMatch(
      new RegExp(`INFRA_BOT_OPENTOFU_VERSION\\s+optional, default ${pinned('opentofu-version')}`),
    );
    const key = dockerArg('OPENTOFU_KEY_FINGERPRINT');
    expect(key).toMatch(/^[0-9A-F]{40}$/);
    expect(workflow).toContain(`OPENTOFU_KEY_FINGERPRINT: ${key}`);
    expect(workflow).toContain('VALIDSIG .* ${OPENTOFU_KEY_FINGERPRINT}');
  });

  it('README › names the pinned versions', () => {
    const readme = repoFile('README.md');
    expect(readme).toContain(`Terraform ${pinned('terraform-version')}`);
    expect(readme).toContain(`OpenTofu ${pinned('opentofu-version')}`);
  });
});
