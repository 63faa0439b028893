import { createPublicKey, createVerify } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { HttpError } from './model.js';
import type { Caller } from './router.js';
import type { GitHubState } from './state.js';

const badJwt = (why: string): HttpError => new HttpError(401, `A JSON web token could not be decoded (${why})`);

function decodePart(part: string | undefined): Record<string, unknown> {
  try {
    return JSON.parse(Buffer.from(part ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;
  } catch {
    throw badJwt('not JSON');
  }
}

/** Checks an app JWT the way GitHub does: RS256, `iss` = app id, `exp` in the future and at most 10 minutes out. */
function verifyJwt(state: GitHubState, jwt: string): void {
  const [head, payload, signature] = jwt.split('.');
  const header = decodePart(head);
  const claims = decodePart(payload);
  if (header.alg !== 'RS256') throw badJwt('alg must be RS256');
  if (String(claims.iss) !== String(state.app.id)) throw badJwt(`iss ${String(claims.iss)} is not app ${state.app.id}`);
  const now = Math.floor(Date.now() / 1000);
  if (typeof claims.exp !== 'number' || claims.exp <= now)
    throw new HttpError(401, "'Expiration time' claim ('exp') is too far in the past");
  if (claims.exp > now + 660) throw new HttpError(401, "'Expiration time' claim ('exp') is too far in the future");
  if (typeof claims.iat !== 'number' || claims.iat > now + 60)
    throw new HttpError(
      401,
      "'Issued at' claim ('iat') must be an Integer representing the time that the assertion was issued",
    );
  if (state.appPublicKey !== null) {
    const verifier = createVerify('RSA-SHA256');
    verifier.update(`${head}.${payload}`);
    if (!verifier.verify(createPublicKey(state.appPublicKey), Buffer.from(signature ?? '', 'base64url'))) {
      throw badJwt('signature does not match the app key');
    }
  }
}

/** Who is calling: the app (JWT), an installation (token), or nobody. Bad credentials are a 401. */
export function identify(state: GitHubState, headers: IncomingHttpHeaders): Caller {
  const value = headers.authorization;
  if (value === undefined || value === '') return { kind: 'anonymous' };
  const match = /^(bearer|token)\s+(\S+)$/i.exec(value);
  if (match === null) throw new HttpError(401, 'Bad credentials');
  const credential = match[2]!;
  if (credential.split('.').length === 3) {
    verifyJwt(state, credential);
    return { kind: 'app' };
  }
  const token = state.tokens.get(credential);
  if (token === undefined || token.expiresAt <= Date.now()) throw new HttpError(401, 'Bad credentials');
  return { kind: 'installation', installationId: token.installationId };
}
