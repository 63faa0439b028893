import { buildInventory, inventoryEntries } from '../../aws/inventory.js';
import { listManagedInstances, type ManagedInstance } from '../../aws/list-managed-instances.js';
import { renderInventory } from '../../aws/render-inventory.js';
import { validateSpecs } from '../../specs/validate-specs.js';
import { fullName } from '../job-kinds.js';
import { bucketStates } from '../self-service/bucket-states.js';
import { readDefaultBranchSpecs } from '../self-service/default-branch-specs.js';
import { describeServiceFailure, specsNote } from '../self-service/service-failure.js';
import type { CommandHandler } from './command-context.js';

const AUDIT_LIMIT = 5000;

/**
 * `/infra inventory`: EC2 instances tagged `ManagedBy=infra-bot` in every region the specs use (every page), the
 * buckets the specs declare with what the app last did to them, owners and expiries (the scheduled deadlines), and
 * the tagged instances no spec declares.
 */
export const inventoryCommand: CommandHandler<{ name: 'inventory' }> = async (context) => {
  const { services, octokit, target } = context;
  if (!services.aws) {
    await context.reply(
      '⚠️ `/infra inventory` lists EC2 instances, and this deployment of infra-bot has no AWS client.',
    );
    return 'refused: aws not configured';
  }
  const repo = fullName(target);
  const base = await readDefaultBranchSpecs(octokit, target);
  const now = services.clock.now();
  const validation = validateSpecs({ files: base.files, configText: base.configText, now });
  const specs = validation.specs;
  const instances: ManagedInstance[] = [];
  const regions = new Set<string>([base.config.defaults.region]);
  const entries = inventoryEntries(specs);
  for (const { entry } of entries) if (entry.section === 'instances') regions.add(entry.region);
  try {
    const aws = await services.aws();
    for (const region of [...regions].sort()) instances.push(...(await listManagedInstances(aws.ec2In(region))));
  } catch (error) {
    const text = describeServiceFailure(error, false);
    if (text === undefined) throw error;
    await context.reply(
      `${text}\n\nThe inventory lists live EC2 instances, so it needs AWS; nothing is shown rather than half of it.`,
    );
    return 'failed: aws';
  }
  const buckets = entries.flatMap(({ spec, entry }) =>
    entry.section === 'buckets' ? [{ name: spec.metadata.name, bucketName: entry.bucketName }] : [],
  );
  const [applies, expiries, deadlines] = await Promise.all([
    services.store.listAudit({ repo, action: 'apply', limit: AUDIT_LIMIT }),
    services.store.listAudit({ repo, action: 'expire', limit: AUDIT_LIMIT }),
    services.store.listDeadlines({ repo, status: 'scheduled' }),
  ]);
  const inventory = buildInventory({
    instances,
    specs,
    regions: [...regions],
    now,
    deadlines,
    bucketStates: bucketStates(buckets, [...applies, ...expiries]),
  });
  await context.reply(renderInventory(inventory) + specsNote(validation.ok, base.branch));
  return `inventory: ${inventory.instances.length} instance row(s), ${inventory.unmanaged.length} unmanaged`;
};
