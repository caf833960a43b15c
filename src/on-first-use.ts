// Libraries most servers never need at start (passkeys, QR codes, SMTP, OpenID Connect) are
// imported on first use, so that every `authql serve` does not pay for loading them.

/** `load` runs once, on the first call; every call answers the same promise. */
export function onFirstUse<T>(load: () => Promise<T>): () => Promise<T> {
  let loaded: Promise<T> | undefined;
  return () => (loaded ??= load());
}
