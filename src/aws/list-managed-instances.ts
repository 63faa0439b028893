// EC2 instances carrying `ManagedBy=infra-bot` in one region (terminated ones left out), every page of them.
import type { EC2Client, Instance } from '@aws-sdk/client-ec2';
import { MANAGED_BY } from '../synth/tags.js';
import { toAwsError } from './aws-errors.js';

export interface ManagedInstance {
  instanceId: string;
  state: string;
  instanceType: string;
  region: string;
  availabilityZone: string | null;
  launchTime: string | null;
  /** Every tag on the instance. */
  tags: Record<string, string>;
}

const LIVE_STATES = ['pending', 'running', 'shutting-down', 'stopping', 'stopped'];

export interface ListOptions {
  /** Bounds the whole listing, every page and retry included (default 60 s). */
  deadlineMs?: number;
  /** Instances per page, 5–1000 (default 1000). */
  pageSize?: number;
}

export async function listManagedInstances(ec2: EC2Client, options: ListOptions = {}): Promise<ManagedInstance[]> {
  const { deadlineMs = 60_000, pageSize = 1000 } = options;
  const abortSignal = AbortSignal.timeout(deadlineMs);
  // Loaded on first use: the EC2 package is ~70 MB of memory, and only `/infra inventory` needs this command.
  const { DescribeInstancesCommand } = await import('@aws-sdk/client-ec2');
  const region = await ec2.config.region();
  const found: ManagedInstance[] = [];
  let nextToken: string | undefined;
  do {
    let page;
    try {
      page = await ec2.send(
        new DescribeInstancesCommand({
          Filters: [
            { Name: 'tag:ManagedBy', Values: [MANAGED_BY] },
            { Name: 'instance-state-name', Values: LIVE_STATES },
          ],
          MaxResults: pageSize,
          ...(nextToken ? { NextToken: nextToken } : {}),
        }),
        { abortSignal },
      );
    } catch (err) {
      throw toAwsError('EC2', 'DescribeInstances', err);
    }
    for (const reservation of page.Reservations ?? []) {
      for (const instance of reservation.Instances ?? []) found.push(toManaged(instance, region));
    }
    nextToken = page.NextToken || undefined;
  } while (nextToken);
  return found;
}

function toManaged(instance: Instance, region: string): ManagedInstance {
  const tags: Record<string, string> = {};
  for (const tag of instance.Tags ?? []) if (tag.Key) tags[tag.Key] = tag.Value ?? '';
  return {
    instanceId: instance.InstanceId ?? '',
    state: instance.State?.Name ?? 'unknown',
    instanceType: instance.InstanceType ?? '',
    region,
    availabilityZone: instance.Placement?.AvailabilityZone ?? null,
    launchTime: instance.LaunchTime ? instance.LaunchTime.toISOString() : null,
    tags,
  };
}
