import { allowedRedirect } from './issue-csv.js';

export class AttachmentError extends Error {
  override readonly name = 'AttachmentError';
  readonly code = 'attachment_unreadable';
}

export interface FetchAttachmentOptions {
  url: string;
  webOrigin: string;
  /** The installation token: sent to the GitHub host only, never to a redirect elsewhere. */
  token: string;
  maxBytes?: number;
  timeoutMs?: number;
}

const MAX_REDIRECTS = 3;

/**
 * Downloads an issue attachment as UTF-8 text: redirects followed by hand (at most 3, only to GitHub's hosts), the
 * body cut off past `maxBytes` (an error, never a silent cut), the whole download under `timeoutMs`.
 */
export async function fetchAttachment(options: FetchAttachmentOptions): Promise<string> {
  const { webOrigin, token, maxBytes = 1_000_000, timeoutMs = 15_000 } = options;
  const signal = AbortSignal.timeout(timeoutMs);
  let url = new URL(options.url);
  for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
    let response: Response;
    try {
      response = await fetch(url, {
        redirect: 'manual',
        signal,
        headers: {
          accept: 'text/csv, text/plain, */*',
          ...(url.origin === webOrigin && { authorization: `token ${token}` }),
        },
      });
    } catch (error) {
      throw new AttachmentError(`could not download ${url.pathname}: ${(error as Error).message}`);
    }
    if (response.status >= 300 && response.status < 400 && response.headers.get('location')) {
      await response.body?.cancel();
      const next = new URL(response.headers.get('location')!, url);
      if (!allowedRedirect(next, webOrigin))
        throw new AttachmentError(`the download redirects to ${next.origin}, which is not GitHub`);
      url = next;
      continue;
    }
    if (!response.ok) {
      await response.body?.cancel();
      throw new AttachmentError(`GitHub answered ${response.status} for ${url.pathname}`);
    }
    return readText(response, maxBytes, url.pathname);
  }
  throw new AttachmentError(`more than ${MAX_REDIRECTS} redirects`);
}

async function readText(response: Response, maxBytes: number, what: string): Promise<string> {
  const declared = Number(response.headers.get('content-length') ?? 0);
  if (declared > maxBytes) {
    await response.body?.cancel();
    throw new AttachmentError(`${what} is ${declared} bytes; at most ${maxBytes} are read`);
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of response.body ?? []) {
    size += chunk.length;
    if (size > maxBytes) throw new AttachmentError(`${what} is larger than ${maxBytes} bytes`);
    chunks.push(chunk);
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(Buffer.concat(chunks));
  } catch {
    throw new AttachmentError(`${what} is not UTF-8 text`);
  }
}
