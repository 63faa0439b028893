// Okta's OAuth 2.0 client-credentials flow for service apps (private_key_jwt): the client assertion must be an
// RS256 JWT signed by the registered key, iss = sub = client id, aud = the token endpoint, not expired.
import { createPublicKey, randomBytes, verify, type KeyObject } from 'node:crypto';
import { oktaError, type Reply } from './routes.js';

export class OAuthClients {
  readonly #keys = new Map<string, KeyObject>();
  readonly #tokens = new Set<string>();

  register(clientId: string, publicKeyPem: string): void {
    this.#keys.set(clientId, createPublicKey(publicKeyPem));
  }

  accepts(accessToken: string): boolean {
    return this.#tokens.has(accessToken);
  }

  /** Forgets every issued access token, as if they had expired. */
  expireTokens(): void {
    this.#tokens.clear();
  }

  token(form: URLSearchParams, tokenEndpoint: string): Reply {
    const invalid = (description: string): Reply => ({
      status: 401,
      body: { error: 'invalid_client', error_description: description },
    });
    if (form.get('grant_type') !== 'client_credentials') {
      return { status: 400, body: { error: 'unsupported_grant_type', error_description: 'client_credentials only' } };
    }
    const assertion = form.get('client_assertion') ?? '';
    const [header, payload, signature] = assertion.split('.');
    if (!header || !payload || !signature) return invalid('The client_assertion is not a JWT.');
    let claims: { iss?: string; sub?: string; aud?: string; exp?: number };
    let alg: string | undefined;
    try {
      alg = (JSON.parse(Buffer.from(header, 'base64url').toString()) as { alg?: string }).alg;
      claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as typeof claims;
    } catch {
      return invalid('The client_assertion is not a JWT.');
    }
    const key = claims.iss ? this.#keys.get(claims.iss) : undefined;
    if (!key || claims.sub !== claims.iss) return invalid('The client_id is unknown.');
    const signed = verify('RSA-SHA256', Buffer.from(`${header}.${payload}`), key, Buffer.from(signature, 'base64url'));
    if (alg !== 'RS256' || !signed) return invalid('The client_assertion signature is invalid.');
    if (claims.aud !== tokenEndpoint) return invalid(`The audience must be ${tokenEndpoint}.`);
    if (!claims.exp || claims.exp * 1000 < Date.now()) return invalid('The client_assertion has expired.');
    const scope = form.get('scope') ?? '';
    if (!scope.split(' ').includes('okta.users.read'))
      return oktaError(400, 'invalid_scope', 'okta.users.read missing');
    const accessToken = `double-at-${randomBytes(16).toString('hex')}`;
    this.#tokens.add(accessToken);
    return { status: 200, body: { token_type: 'Bearer', expires_in: 3600, access_token: accessToken, scope } };
  }
}
