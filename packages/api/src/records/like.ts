import { foldSearchText } from '@meditrack/domain';

/** `%<folded text>%` for LIKE on a folded column, with LIKE's wildcards in the input escaped. */
export function containsPattern(text: string): string {
  return `%${foldSearchText(text).replace(/[%_\\]/g, '\\$&')}%`;
}
