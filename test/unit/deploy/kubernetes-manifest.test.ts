import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from '@jest/globals';
import { parseAllDocuments } from 'yaml';
import { deploymentProblem } from '../../../src/app/startup-errors.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const manifestText = fs.readFileSync(path.join(repoRoot, 'deploy', 'kubernetes.yaml'), 'utf8');

interface Container {
  env?: { name: string; value?: string }[];
  volumeMounts?: { name: string; mountPath: string }[];
  securityContext?: { readOnlyRootFilesystem?: boolean };
}
interface Deployment {
  kind: string;
  spec: {
    replicas: number;
    template: { spec: { containers: Container[]; volumes: { name: string; emptyDir?: object }[] } };
  };
}

function deployment(): Deployment {
  const documents = parseAllDocuments(manifestText);
  for (const document of documents) expect(document.errors).toEqual([]);
  const found = documents.map((document) => document.toJS() as Deployment).find((doc) => doc?.kind === 'Deployment');
  if (!found) throw new Error('deploy/kubernetes.yaml has no Deployment');
  return found;
}

describe('deploy/kubernetes.yaml', () => {
  it('read-only root filesystem › /tmp is a writable emptyDir, as is DATA_DIR', () => {
    const { spec } = deployment();
    const [container] = spec.template.spec.containers;
    expect(container?.securityContext?.readOnlyRootFilesystem).toBe(true);
    const env = Object.fromEntries((container?.env ?? []).map((item) => [item.name, item.value]));
    for (const mountPath of ['/tmp', env.DATA_DIR]) {
      const mount = container?.volumeMounts?.find((item) => item.mountPath === mountPath);
      expect(mount).toBeDefined();
      const volume = spec.template.spec.volumes.find((item) => item.name === mount?.name);
      expect(volume?.emptyDir).toBeDefined();
    }
  });

  it('replicas › INFRA_BOT_REPLICAS equals spec.replicas, and start-up refuses it without DATABASE_URL', () => {
    const { spec } = deployment();
    const env = Object.fromEntries(
      (spec.template.spec.containers[0]?.env ?? []).map((item) => [item.name, item.value]),
    );
    expect(Number(env.INFRA_BOT_REPLICAS)).toBe(spec.replicas);
    expect(spec.replicas).toBeGreaterThan(1);
    expect(deploymentProblem(env)).toBe(
      `INFRA_BOT_REPLICAS=${spec.replicas} needs DATABASE_URL (PostgreSQL): the embedded SQLite store is per pod`,
    );
    expect(deploymentProblem({ ...env, DATABASE_URL: 'postgres://db:5432/infra_bot' })).toBeUndefined();
    // The documented secret carries DATABASE_URL.
    expect(manifestText).toMatch(/--from-literal=DATABASE_URL=postgres:\/\//);
  });

  it('state › the manifest says where Terraform state must live with several replicas', () => {
    expect(manifestText).toMatch(/stateBucket: [a-z0-9.-]+/);
    expect(manifestText).not.toMatch(/example\.com/);
  });

  it('deploymentProblem › one replica, no count, or a bad count', () => {
    expect(deploymentProblem({ INFRA_BOT_REPLICAS: '1' })).toBeUndefined();
    expect(deploymentProblem({})).toBeUndefined();
    expect(deploymentProblem({ INFRA_BOT_REPLICAS: 'three' })).toBe(
      'INFRA_BOT_REPLICAS must be a whole number of replicas, got "three"',
    );
  });
});

describe('app.yml', () => {
  it('webhook URL › a placeholder that can never resolve, never a third party', () => {
    const text = fs.readFileSync(path.join(repoRoot, 'app.yml'), 'utf8');
    const [document] = parseAllDocuments(text);
    const manifest = document?.toJS() as { hook_attributes?: { url?: string } };
    const url = new URL(manifest.hook_attributes?.url ?? '');
    expect(url.hostname.endsWith('.invalid')).toBe(true);
    expect(url.pathname).toBe('/api/github/webhooks');
    expect(text).not.toMatch(/example\.com/);
  });
});
