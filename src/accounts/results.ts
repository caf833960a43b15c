// What use cases answer: a typed success or a typed failure, never an exception for a
// user's mistake. graphql/ maps these onto the result unions.
import type { ErrorCode } from './messages';

export interface FieldError {
  field: string;
  code: ErrorCode;
  message: string;
}

export type Failure =
  | { ok: false; kind: 'validation'; code: 'VALIDATION_FAILED'; message: string; fieldErrors: FieldError[] }
  | { ok: false; kind: 'auth'; code: ErrorCode; message: string }
  /** Not allowed to see or touch the target: a top-level FORBIDDEN or NOT_FOUND error. */
  | { ok: false; kind: 'denied'; code: 'FORBIDDEN' | 'NOT_FOUND'; message: string }
  /** Too many requests: a top-level RATE_LIMITED error telling when to try again. */
  | { ok: false; kind: 'limited'; code: 'RATE_LIMITED'; message: string; retryAfter: number }
  /** A rate-limited operation from a client whose address is unknown: refused, never exempt nor pooled (a top-level error). */
  | { ok: false; kind: 'limited'; code: 'CLIENT_ADDRESS_UNKNOWN'; message: string; retryAfter: null };

export type Result<T> = ({ ok: true } & T) | Failure;

/** The caller of a request, as far as use cases care. */
export interface RequestMeta {
  ip: string | null;
  userAgent: string | null;
}
