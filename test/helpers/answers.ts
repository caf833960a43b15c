// The answers the stories expect, as the API words them (djoser's messages), written once.

/** A success that only says `ok`, e.g. ok('ResetPasswordSuccess'). */
export const ok = (typename: string) => ({ __typename: typename, ok: true });

export const invalidToken = { __typename: 'AuthError', code: 'INVALID_TOKEN', message: 'Invalid token for given user.' };
export const invalidUid = { __typename: 'AuthError', code: 'INVALID_UID', message: "Invalid user id or user doesn't exist." };
export const invalidCredentials = { __typename: 'AuthError', code: 'INVALID_CREDENTIALS', message: 'Unable to log in with provided credentials.' };

/** A ValidationError naming these field errors, in this order. */
export const validationError = (...fieldErrors: { field: string; code: string; message: string }[]) => ({
  __typename: 'ValidationError',
  code: 'VALIDATION_FAILED',
  message: expect.any(String),
  fieldErrors,
});

/** The field error for a wrong `currentPassword`. */
export const invalidPassword = { field: 'currentPassword', code: 'INVALID_PASSWORD', message: 'Invalid password.' };
