/**
 * The URL as it may appear in logs, events and error messages: user info, query and fragment
 * removed, because a base URL may carry credentials.
 */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.username = '';
    parsed.password = '';
    parsed.search = '';
    parsed.hash = '';
    return parsed.toString();
  } catch {
    return '<invalid url>';
  }
}
