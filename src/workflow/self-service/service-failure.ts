// What to tell the requester when Okta or AWS fails a command (pure). The typed errors carry no token, header or raw
// response, so their messages may be shown; anything else is not ours to describe and is rethrown by the caller.
import { AwsError } from '../../aws/aws-errors.js';
import { OktaAmbiguousUserError, OktaError, OktaRateLimitedError, OktaRequestError } from '../../okta/errors.js';
import { inlineCode } from '../../plan/render-escape.js';

/** A one-paragraph reply naming the service that failed, or undefined for errors that are not Okta's or AWS's. */
export function describeServiceFailure(error: unknown, nothingWritten: boolean): string | undefined {
  const tail = nothingWritten ? ' Nothing was written; comment the command again once it is back.' : '';
  if (error instanceof OktaAmbiguousUserError) return `⚠️ ${inlineCode(error.message)}: use the login instead.`;
  if (error instanceof OktaRateLimitedError) {
    const reset = error.resetAt ? ` Okta says the limit resets at ${error.resetAt.toISOString()}.` : '';
    return `⚠️ Okta is rate limiting infra-bot and still was after the retries (${inlineCode(error.message)}).${reset}${tail}`;
  }
  if (error instanceof OktaRequestError) {
    return `⚠️ Okta refused the request (${inlineCode(error.message)}): check the app's Okta token or scopes.${tail}`;
  }
  if (error instanceof OktaError) return `⚠️ Okta is unreachable (${inlineCode(error.message)}).${tail}`;
  if (error instanceof AwsError) {
    const what = error.code === 'aws_request_failed' ? 'refused the request' : 'is unreachable';
    return `⚠️ AWS ${what} (${inlineCode(error.message)}).${tail}`;
  }
  return undefined;
}

export const oktaNotConfigured = (command: string): string =>
  `⚠️ \`${command}\` reads Okta, and this deployment of infra-bot has no Okta connection (\`OKTA_ORG_URL\` with \`OKTA_API_TOKEN\`, or an OAuth service app).`;

/** What comes from the specs is left out when they do not validate: say so. */
export const specsNote = (ok: boolean, branch: string): string =>
  ok
    ? ''
    : `\n> ⚠️ The specs on ${inlineCode(branch)} do not validate, so nothing from them (spec matches, roles) is shown; fix them first.\n`;
