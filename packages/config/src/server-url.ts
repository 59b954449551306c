/**
 * Hides the credentials of a URL so that it can go into an error message or a log line. Works on
 * strings that are not valid URLs too: everything between the scheme (or the start) and the last
 * '@' is replaced, which may hide a little more than needed but never leaks a password.
 */
export function redactUrl(raw: string): string {
  const at = raw.lastIndexOf('@');
  if (at < 0) return raw;

  const schemeEnd = raw.indexOf('//');
  const start = schemeEnd >= 0 && schemeEnd < at ? schemeEnd + 2 : 0;
  return `${raw.slice(0, start)}***@${raw.slice(at + 1)}`;
}

/** Either the normalised URL or the reason it is not a usable server URL. */
export type ServerUrlCheck = { ok: true; url: string } | { ok: false; reason: string };

/**
 * Checks one server URL: absolute, http or https, a host, no query or fragment (paths are joined
 * onto it). The result keeps credentials and context path and drops trailing slashes, so that
 * paths can be appended with exactly one '/'.
 */
export function checkServerUrl(raw: string): ServerUrlCheck {
  const shown = JSON.stringify(redactUrl(raw));
  const trimmed = raw.trim();
  if (trimmed === '') return { ok: false, reason: 'must not be empty' };

  let parsed: URL;
  try {
    parsed = new URL(trimmed);
  } catch {
    return { ok: false, reason: `is not an absolute URL (got ${shown})` };
  }

  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    return { ok: false, reason: `must use http or https (got ${shown})` };
  }
  if (parsed.hostname === '') return { ok: false, reason: `has no host (got ${shown})` };
  if (parsed.search !== '' || parsed.hash !== '') {
    return { ok: false, reason: `must not carry a query or fragment (got ${shown})` };
  }

  const base = `${parsed.protocol}//${credentialsOf(parsed)}${parsed.host}`;
  return { ok: true, url: base + parsed.pathname.replace(/\/+$/, '') };
}

function credentialsOf(url: URL): string {
  if (url.username === '' && url.password === '') return '';
  return url.password === '' ? `${url.username}@` : `${url.username}:${url.password}@`;
}
