// Canary secrets, one per shape the redaction must recognise. Tests log them every way they can and then assert
// that none of them (nor a recognisable piece of one) is in the output.
import { generateKeyPairSync } from 'node:crypto';

const pem = generateKeyPairSync('rsa', { modulusLength: 1024 })
  .privateKey.export({ type: 'pkcs1', format: 'pem' })
  .toString();

export const CANARIES = {
  githubInstallation: 'ghs_CanaryInstallationTok3n0123456789AB',
  githubPersonal: 'ghp_CanaryPersonalTok3n0123456789ABCDEF',
  githubFineGrained: 'github_pat_11CANARY0123456789_FineGrainedCanaryTok3nValue',
  slackBot: 'xoxb-1234567890-0987654321-CanarySlackB0tToken',
  slackUser: 'xoxp-1234567890-0987654321-CanarySlackUs3rToken',
  oktaToken: '00CanaryOktaT0ken_abcdefghijklmnopqrstuvw',
  awsSecretKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYCANARYKEY1',
  awsSessionToken: 'IQoJb3JpZ2luX2VjEJr//////////wEaCXVzLWVhc3QtMSJHMEUCIQCanarySessionToken',
  jwt: 'eyJhbGciOiJSUzI1NiJ9.eyJpc3MiOiIzMjEiLCJjYW5hcnkiOnRydWV9.Q2FuYXJ5U2lnbmF0dXJlQ2FuYXJ5',
  bearer: 'CanaryBearerOpaqueValue0123456789',
  privateKey: pem,
  databasePassword: 'CanaryDbPassw0rd',
} as const;

/** A secret the app only knows by value (WEBHOOK_SECRET): JSON-special characters included on purpose. */
export const EXTRA_SECRET = 'canary-webhook-"secret"\\value-42';

/** Pieces that must never be seen: each canary whole, and its distinctive core (a prefix-kept mask is fine). */
export function leakedCanaries(text: string): string[] {
  const cores: Record<string, string> = {
    ...CANARIES,
    privateKey: CANARIES.privateKey.split('\n')[1]!.slice(0, 32),
    githubInstallation: 'CanaryInstallationTok3n',
    githubPersonal: 'CanaryPersonalTok3n',
    githubFineGrained: 'FineGrainedCanaryTok3n',
    slackBot: 'CanarySlackB0tToken',
    slackUser: 'CanarySlackUs3rToken',
    oktaToken: 'CanaryOktaT0ken',
    awsSecretKey: 'CYCANARYKEY1',
    awsSessionToken: 'CanarySessionToken',
    jwt: 'Q2FuYXJ5U2lnbmF0dXJl',
    bearer: 'CanaryBearerOpaque',
  };
  const found = Object.entries(cores)
    .filter(([, core]) => text.includes(core) || text.includes(JSON.stringify(core).slice(1, -1)))
    .map(([name]) => name);
  if (text.includes('canary-webhook')) found.push('extra secret');
  return found;
}
