import type { z } from 'zod';

import { InvalidReplyError } from '../errors.js';
import { decodeJson, excerptOf, stripNulls } from './decode.js';

const MAX_ISSUES = 5;
const MAX_ISSUE_LENGTH = 160;

/**
 * Reads a reply the tolerant way: decodes a string, drops explicit nulls, then validates with
 * `schema`. Every failure, including an unexpected one, comes out as an
 * {@link InvalidReplyError}; a ZodError never leaks.
 */
export function parseWith<T>(schema: z.ZodType<T>, input: unknown, what: string): T {
  try {
    const value = stripNulls(decodeJson(input, what), what);
    const result = schema.safeParse(value);
    if (result.success) return result.data;

    throw new InvalidReplyError(what, {
      issues: summariseIssues(result.error.issues),
      excerpt: typeof input === 'string' ? excerptOf(input) : undefined,
    });
  } catch (error) {
    if (error instanceof InvalidReplyError) throw error;

    // Defence in depth: whatever else goes wrong while reading a reply is still a bad reply.
    throw new InvalidReplyError(what, { issues: ['unreadable'], cause: error });
  }
}

/** At most a few issues, each as `path: message`, each short. */
export function summariseIssues(issues: readonly z.core.$ZodIssue[]): string[] {
  const lines = issues.slice(0, MAX_ISSUES).map(issue => {
    const path = issue.path.map(String).join('.') || '(root)';
    return `${path}: ${issue.message}`.slice(0, MAX_ISSUE_LENGTH);
  });
  if (issues.length > MAX_ISSUES) lines.push(`and ${issues.length - MAX_ISSUES} more`);
  return lines;
}
