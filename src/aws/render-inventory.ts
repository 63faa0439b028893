// `/infra inventory` as Markdown, within one GitHub comment: when the tables would not fit, each is cut and says how
// many rows it left out. Pure.
import { escapeMarkdown, formatNumber, inlineCode, truncateText } from '../plan/render-escape.js';
import type { Inventory, InventoryRow } from './inventory.js';

export const INVENTORY_MAX_CHARS = 60_000;
const ROW_LIMITS = [Infinity, 200, 100, 50, 20, 5];

const cell = (text: string | null) => (text ? escapeMarkdown(truncateText(text, 120)) || ' ' : ' ');
const code = (text: string | null) => (text && text !== '-' ? inlineCode(text) : '-');
const expires = (row: InventoryRow) => (row.expiresAt ? `${row.expiresAt} (${row.expiry})` : cell(row.expiry));

export function renderInventory(inventory: Inventory, options: { maxChars?: number } = {}): string {
  const maxChars = options.maxChars ?? INVENTORY_MAX_CHARS;
  for (const limit of ROW_LIMITS) {
    const text = render(inventory, limit);
    if (text.length <= maxChars) return text;
  }
  return render(inventory, 0).slice(0, maxChars);
}

function render(inventory: Inventory, limit: number): string {
  const table = (title: string, rows: readonly InventoryRow[], head: string[], line: (r: InventoryRow) => string[]) => {
    if (rows.length === 0) return [];
    const shown = rows.slice(0, limit);
    const hidden = rows.length - shown.length;
    return [
      `### ${title} (${formatNumber(rows.length)})`,
      '',
      `| ${head.join(' | ')} |`,
      `|${head.map(() => '---').join('|')}|`,
      ...shown.map((r) => `| ${line(r).join(' | ')} |`),
      ...(hidden > 0 ? ['', `… ${formatNumber(hidden)} more rows not shown (GitHub's comment size limit)`] : []),
      '',
    ];
  };
  const regions = inventory.regions.length ? inventory.regions.join(', ') : 'none';
  const empty = inventory.instances.length + inventory.buckets.length + inventory.unmanaged.length === 0;
  return [
    '## Managed inventory',
    '',
    `Generated ${inventory.generatedAt} · EC2 regions listed: ${escapeMarkdown(regions)}`,
    '',
    ...(empty ? ['No instance or bucket is declared, and none is tagged `ManagedBy=infra-bot`.', ''] : []),
    ...table(
      'EC2 instances',
      inventory.instances,
      ['spec', 'instance', 'state', 'type', 'region', 'owner', 'expires'],
      (r) => [
        code(r.spec),
        code(r.resource),
        cell(r.state),
        cell(r.instanceType),
        cell(r.region),
        cell(r.owner),
        expires(r),
      ],
    ),
    ...table('S3 buckets', inventory.buckets, ['spec', 'bucket', 'state', 'region', 'owner', 'expires'], (r) => [
      code(r.spec),
      code(r.resource),
      cell(r.state),
      cell(r.region),
      cell(r.owner),
      expires(r),
    ]),
    ...table(
      'Tagged ManagedBy=infra-bot but declared by no spec',
      inventory.unmanaged,
      ['instance', 'InfraSpec tag', 'state', 'type', 'region', 'Owner tag', 'ExpiresAt tag'],
      (r) => [
        code(r.resource),
        r.infraSpecTag ? code(r.infraSpecTag) : 'none',
        cell(r.state),
        cell(r.instanceType),
        cell(r.region),
        cell(r.owner),
        cell(r.expiresAt),
      ],
    ),
  ].join('\n');
}
