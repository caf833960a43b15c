// The one exception that crosses layers: a dependency (database, mail backend) is down.
// store/ and mail/ throw it; graphql/ turns it into a SERVICE_UNAVAILABLE error.
export class ServiceUnavailableError extends Error {
  name = 'ServiceUnavailableError';
  constructor(what: string, options?: { cause?: unknown }) {
    super(`${what} is unavailable`, options);
  }
}
