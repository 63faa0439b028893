// The Block Kit limits Slack enforces on the blocks the app sends (Slack answers `invalid_blocks`), so a message that
// would fail in production fails against the double too. https://docs.slack.dev/reference/block-kit/blocks
type Json = Record<string, unknown>;

const asObject = (v: unknown): Json => (typeof v === 'object' && v !== null ? (v as Json) : {});
const textOf = (v: unknown): string | undefined => {
  const t = asObject(v).text;
  return typeof t === 'string' ? t : undefined;
};

export const LIMITS = {
  blocks: 50,
  messageText: 40_000,
  headerText: 150,
  sectionText: 3000,
  fieldText: 2000,
  fields: 10,
  contextElements: 10,
  actionsElements: 25,
  buttonText: 75,
  buttonValue: 2000,
  actionId: 255,
  blockId: 255,
} as const;

function check(errors: string[], ok: boolean, message: string): void {
  if (!ok) errors.push(message);
}

function checkButton(errors: string[], where: string, element: Json): void {
  const label = textOf(element.text) ?? '';
  check(errors, label.length <= LIMITS.buttonText, `${where}: button text longer than ${LIMITS.buttonText}`);
  const value = typeof element.value === 'string' ? element.value : '';
  check(errors, value.length <= LIMITS.buttonValue, `${where}: button value longer than ${LIMITS.buttonValue}`);
  const actionId = typeof element.action_id === 'string' ? element.action_id : '';
  check(errors, actionId.length <= LIMITS.actionId, `${where}: action_id longer than ${LIMITS.actionId}`);
  if (element.style !== undefined)
    check(errors, element.style === 'primary' || element.style === 'danger', `${where}: bad button style`);
}

/** Returns one message per violated limit; empty when Slack would accept the blocks. */
export function blockErrors(blocks: unknown): string[] {
  const errors: string[] = [];
  if (!Array.isArray(blocks)) return ['blocks must be an array'];
  check(errors, blocks.length <= LIMITS.blocks, `more than ${LIMITS.blocks} blocks`);
  for (const [i, raw] of blocks.entries()) {
    const block = asObject(raw);
    const where = `blocks[${i}] (${String(block.type)})`;
    if (typeof block.block_id === 'string')
      check(errors, block.block_id.length <= LIMITS.blockId, `${where}: block_id too long`);
    switch (block.type) {
      case 'header':
        check(errors, (textOf(block.text) ?? '').length <= LIMITS.headerText, `${where}: header text too long`);
        check(errors, asObject(block.text).type === 'plain_text', `${where}: header text must be plain_text`);
        break;
      case 'section': {
        const fields = Array.isArray(block.fields) ? block.fields : [];
        check(errors, block.text !== undefined || fields.length > 0, `${where}: needs text or fields`);
        check(errors, (textOf(block.text) ?? '').length <= LIMITS.sectionText, `${where}: section text too long`);
        check(errors, fields.length <= LIMITS.fields, `${where}: too many fields`);
        for (const field of fields)
          check(errors, (textOf(field) ?? '').length <= LIMITS.fieldText, `${where}: field text too long`);
        break;
      }
      case 'context': {
        const elements = Array.isArray(block.elements) ? block.elements : [];
        check(errors, elements.length >= 1 && elements.length <= LIMITS.contextElements, `${where}: 1–10 elements`);
        break;
      }
      case 'actions': {
        const elements = Array.isArray(block.elements) ? block.elements : [];
        check(errors, elements.length >= 1 && elements.length <= LIMITS.actionsElements, `${where}: 1–25 elements`);
        for (const element of elements.map(asObject))
          if (element.type === 'button') checkButton(errors, where, element);
        break;
      }
      case 'divider':
        break;
      default:
        errors.push(`${where}: block type not supported by the double`);
    }
  }
  return errors;
}
