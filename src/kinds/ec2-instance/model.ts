// The Ec2Instance body after defaults.

export type Ec2Image = 'ubuntu-24.04' | 'ubuntu-22.04' | 'amazon-linux-2023';

export interface Ec2InstanceSpec {
  region: string;
  instanceType: string;
  /** An image alias (resolved through AWS's public SSM parameters) or an `ami-…` id. */
  image: Ec2Image | `ami-${string}`;
  rootVolumeGiB: number;
  subnetId?: string;
  /** Absent: no SSH ingress at all. */
  ssh?: { keyName?: string; allowFrom: string[] };
  userData?: string;
  /** true: userData is not secret and may be shown in plans and summaries (default false: hidden). */
  showUserDataInPlans?: boolean;
  tags: Record<string, string>;
}
