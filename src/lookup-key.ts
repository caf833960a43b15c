// How an address or a login is matched, everywhere (login key, email key, the mailer's
// per-recipient cap): a leaf, so that accounts/ and mail/ share one rule.

/** Trimmed, NFKC and lower case: look-alike spellings of one address or login collide. */
export function lookupKey(value: string): string {
  return value.trim().normalize('NFKC').toLowerCase();
}
