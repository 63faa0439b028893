import { createPrivateKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { StartupError } from './startup-errors.js';

const PEM = /-----BEGIN ([A-Z ]*PRIVATE KEY)-----\s*([\s\S]*?)\s*-----END \1-----/;

/**
 * Parses the GitHub App key the way Probot reads it (PEM text, `\n`-escaped or base64-encoded PEM, or a file) and
 * proves it is a usable private key now: Probot itself only finds out at the first webhook, long after start-up.
 */
export function checkPrivateKey(env: Record<string, string | undefined>): void {
  let text: string;
  let origin: string;
  if (env.PRIVATE_KEY) {
    origin = 'PRIVATE_KEY';
    text = env.PRIVATE_KEY.includes('-----BEGIN')
      ? env.PRIVATE_KEY
      : Buffer.from(env.PRIVATE_KEY, 'base64').toString('utf8');
  } else if (env.PRIVATE_KEY_PATH) {
    origin = `PRIVATE_KEY_PATH (${env.PRIVATE_KEY_PATH})`;
    try {
      text = readFileSync(resolve(env.PRIVATE_KEY_PATH), 'utf8');
    } catch (error) {
      const code = (error as { code?: string }).code ?? 'unreadable';
      throw new StartupError(`${origin} cannot be read (${code})`);
    }
  } else {
    throw new StartupError('PRIVATE_KEY or PRIVATE_KEY_PATH is required with APP_ID');
  }
  const match = PEM.exec(text.replace(/\\n/g, '\n'));
  if (!match) throw new StartupError(`${origin} is not a PEM private key (-----BEGIN … PRIVATE KEY-----)`);
  const body = match[2]!.replace(/\s+/g, '');
  const pem = `-----BEGIN ${match[1]}-----\n${body.replace(/.{1,64}/g, '$&\n')}-----END ${match[1]}-----\n`;
  try {
    createPrivateKey(pem);
  } catch {
    throw new StartupError(
      `${origin} is not a valid private key: download a new one from the GitHub App's settings (Private keys)`,
    );
  }
}
