// Where the CSV of a bulk `/infra onboard` is (pure): a ```csv block pasted in the issue, or a file attached to it.
// Attachments are only taken from the GitHub host the app talks to; a CSV link anywhere else is refused, never
// fetched (the app must not become a way to make requests to arbitrary hosts).

export type CsvSource =
  { kind: 'inline'; name: string; text: string } | { kind: 'attachment'; name: string; url: string };

export interface FoundCsv {
  sources: CsvSource[];
  /** CSV links on other hosts or paths, quoted back in the reply. */
  refused: string[];
}

const URL_IN_TEXT = /https?:\/\/[^\s<>()[\]"'`]+/g;
const CSV_BLOCK = /^(`{3,}|~{3,})[ \t]*csv[ \t]*\r?\n([\s\S]*?)\r?\n\1[ \t]*$/gim;
/** GitHub's attachment paths: `/user-attachments/files/<id>/<name>` and the older `/<owner>/<repo>/files/<id>/<name>`. */
const ATTACHMENT_PATH = /^\/(?:user-attachments|[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+)\/files\/\d+\/([^/]+\.csv)$/i;

/** The web origin of the GitHub the API client talks to: api.github.com → github.com, GHES `<host>/api/v3` → host. */
export function webOriginOf(apiBaseUrl: string): string {
  const url = new URL(apiBaseUrl);
  return url.hostname === 'api.github.com' ? 'https://github.com' : url.origin;
}

export function findCsvSources(body: string, webOrigin: string): FoundCsv {
  const sources: CsvSource[] = [];
  const refused: string[] = [];
  for (const match of body.matchAll(CSV_BLOCK)) {
    sources.push({ kind: 'inline', name: 'issue.csv', text: match[2]! });
  }
  const seen = new Set<string>();
  for (const [text] of body.matchAll(URL_IN_TEXT)) {
    const cleaned = text.replace(/[.,;:!?]+$/, '');
    let url: URL;
    try {
      url = new URL(cleaned);
    } catch {
      continue;
    }
    if (!/\.csv$/i.test(url.pathname) || seen.has(url.href)) continue;
    seen.add(url.href);
    const attachment = ATTACHMENT_PATH.exec(url.pathname);
    if (url.origin !== webOrigin || !attachment || url.username || url.password) {
      refused.push(url.href);
      continue;
    }
    sources.push({ kind: 'attachment', name: decodeURIComponent(attachment[1]!), url: url.href });
  }
  return { sources, refused };
}

/** Hosts an attachment download may be redirected to (GitHub stores attachments there). */
export function allowedRedirect(target: URL, webOrigin: string): boolean {
  if (target.origin === webOrigin) return true;
  return (
    webOrigin === 'https://github.com' &&
    target.protocol === 'https:' &&
    target.hostname.endsWith('.githubusercontent.com')
  );
}
