// The `planFile` an Actions plan returns. The plan file itself stays on the runner that made it, so what the app
// stores is a ticket naming everything an apply must match: repository, stack, commit, the stack's hash and the
// plan's digest (and the run that made it, for people). Any replica can apply from it; nothing on local disk is needed.
import { STACK_NAME } from './actions-contract.js';

export interface PlanTicket {
  owner: string;
  repo: string;
  stack: string;
  sha: string;
  stackHash: string;
  digest: string;
  destroy: boolean;
  /** GitHub's id of the run that planned. */
  runId: number;
}

const SCHEME = 'infra-bot-actions:';
const OWNER = /^[A-Za-z0-9-]{1,39}$/;
const REPO = /^[A-Za-z0-9._-]{1,100}$/;
const SHA = /^([0-9a-f]{40}|[0-9a-f]{64})$/;
const HASH = /^[0-9a-f]{64}$/;
const DIGEST = /^v1:[0-9a-f]{64}$/;

/** `infra-bot-actions://owner/repo/stacks/<stack>?sha=…&stack_hash=…&digest=v1:…&destroy=0&run=123` */
export function formatPlanTicket(ticket: PlanTicket): string {
  const query = new URLSearchParams({
    sha: ticket.sha,
    stack_hash: ticket.stackHash,
    digest: ticket.digest,
    destroy: ticket.destroy ? '1' : '0',
    run: String(ticket.runId),
  });
  return `${SCHEME}//${ticket.owner}/${ticket.repo}/stacks/${ticket.stack}?${query.toString()}`;
}

/** The ticket, or undefined when `text` is not one (e.g. a local runner's plan file path). */
export function parsePlanTicket(text: string): PlanTicket | undefined {
  if (!text.startsWith(`${SCHEME}//`)) return undefined;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return undefined;
  }
  const [owner = '', repo = '', literal, stack = ''] = `${url.host}${url.pathname}`.split('/');
  const q = url.searchParams;
  const ticket: PlanTicket = {
    owner,
    repo,
    stack,
    sha: q.get('sha') ?? '',
    stackHash: q.get('stack_hash') ?? '',
    digest: q.get('digest') ?? '',
    destroy: q.get('destroy') === '1',
    runId: Number(q.get('run')),
  };
  const valid =
    literal === 'stacks' &&
    OWNER.test(owner) &&
    REPO.test(repo) &&
    STACK_NAME.test(stack) &&
    SHA.test(ticket.sha) &&
    HASH.test(ticket.stackHash) &&
    DIGEST.test(ticket.digest) &&
    /^[1-9][0-9]{0,15}$/.test(q.get('run') ?? '');
  return valid ? ticket : undefined;
}
