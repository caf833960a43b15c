// What a visitor sees when the sign-up or login form is filled in wrongly: every problem at
// once, in djoser's (Django's) words, and nothing stored until the form is right.
import { validationError } from './helpers/answers';
import { PASSWORD, REGISTER, RESET_PASSWORD_CONFIRM, loginAnswer, register } from './helpers/journeys';
import { withTestServer } from './helpers/server';

const TEXTS = {
  VALIDATION_FAILED: 'Some fields are invalid.',
  REQUIRED: 'This field is required.',
  INVALID_EMAIL: 'Enter a valid email address.',
  PASSWORD_TOO_SHORT: 'This password is too short. It must contain at least 8 characters.',
  PASSWORD_ENTIRELY_NUMERIC: 'This password is entirely numeric.',
  PASSWORD_TOO_COMMON: 'This password is too common.',
  PASSWORD_MISMATCH: "The two password fields didn't match.",
  TOO_LONG_4096: 'Ensure this field has no more than 4096 characters.',
  TOO_LONG_254: 'Ensure this field has no more than 254 characters.',
  ALREADY_EXISTS_EMAIL: 'A user with that email already exists.',
  INVALID_CREDENTIALS: 'Unable to log in with provided credentials.',
};

/** The login form, as the visitor sees its answer (never a top-level error). */
function sortedFieldErrors(result: { fieldErrors: { field: string; code: string; message: string }[] }) {
  return [...result.fieldErrors].sort((a, b) => `${a.field}/${a.code}`.localeCompare(`${b.field}/${b.code}`));
}

describe('with the default options', () => {
  const server = withTestServer();

  test('a visitor who types a bad email and a short numeric password is told about every problem at once, in djoser words', async () => {
    const result = await register(server, { email: 'not-an-email', password: '4917' });
    expect(result.__typename).toBe('ValidationError');
    expect(result.code).toBe('VALIDATION_FAILED');
    expect(result.message).toBe(TEXTS.VALIDATION_FAILED);
    expect(sortedFieldErrors(result)).toEqual([
      { field: 'email', code: 'INVALID_EMAIL', message: TEXTS.INVALID_EMAIL },
      { field: 'password', code: 'PASSWORD_ENTIRELY_NUMERIC', message: TEXTS.PASSWORD_ENTIRELY_NUMERIC },
      { field: 'password', code: 'PASSWORD_TOO_SHORT', message: TEXTS.PASSWORD_TOO_SHORT },
    ]);
  });

  test('a visitor who leaves email and password empty is told both are required', async () => {
    const result = await register(server, { email: '   ', password: '' });
    expect(result.__typename).toBe('ValidationError');
    expect(sortedFieldErrors(result)).toEqual([
      { field: 'email', code: 'REQUIRED', message: TEXTS.REQUIRED },
      { field: 'password', code: 'REQUIRED', message: TEXTS.REQUIRED },
    ]);
  });

  test('a password of seven characters is too short, one of eight is long enough', async () => {
    const short = await register(server, { email: 'seven@example.com', password: 'Zq7#kLp' });
    expect(short.__typename).toBe('ValidationError');
    expect(short.fieldErrors).toEqual([{ field: 'password', code: 'PASSWORD_TOO_SHORT', message: TEXTS.PASSWORD_TOO_SHORT }]);

    const eight = await register(server, { email: 'eight@example.com', password: 'Zq7#kLpW' });
    expect(eight.__typename).toBe('RegisterSuccess');
  });

  test('a passphrase of 4096 characters is accepted and works at login; one of 4097 is too long', async () => {
    const unit = 'Tr0ub4dor&3-horse ';
    const longest = unit.repeat(Math.ceil(4096 / unit.length)).slice(0, 4096);
    expect(longest).toHaveLength(4096);

    const accepted = await register(server, { email: 'longest@example.com', password: longest });
    expect(accepted.__typename).toBe('RegisterSuccess');
    expect((await loginAnswer(server, 'longest@example.com', longest)).__typename).toBe('LoginSuccess');

    const refused = await register(server, { email: 'too-long@example.com', password: `${longest}x` });
    expect(refused.__typename).toBe('ValidationError');
    expect(refused.fieldErrors).toEqual([{ field: 'password', code: 'TOO_LONG', message: TEXTS.TOO_LONG_4096 }]);
  });

  test('an entirely numeric password is refused even when it is long', async () => {
    const result = await register(server, { email: 'digits@example.com', password: '804615973205' });
    expect(result.__typename).toBe('ValidationError');
    expect(result.fieldErrors).toEqual([{ field: 'password', code: 'PASSWORD_ENTIRELY_NUMERIC', message: TEXTS.PASSWORD_ENTIRELY_NUMERIC }]);
  });

  test('a password that is just the visitor\'s own email name is too similar to the email', async () => {
    const result = await register(server, { email: 'margaret.hamilton@example.com', password: 'margarethamilton' });
    expect(result.__typename).toBe('ValidationError');
    expect(result.fieldErrors).toEqual([
      { field: 'password', code: 'PASSWORD_TOO_SIMILAR', message: 'The password is too similar to the email.' },
    ]);
  });

  test.each([
    ['password1', 'ann@example.com'],
    ['qwertyuiop', 'bob@example.com'],
    ['Password1', 'cyd@example.com'],
  ])('the common password %p is refused as too common', async (password, email) => {
    const result = await register(server, { email, password });
    expect(result.__typename).toBe('ValidationError');
    expect(result.fieldErrors).toEqual([{ field: 'password', code: 'PASSWORD_TOO_COMMON', message: TEXTS.PASSWORD_TOO_COMMON }]);
  });

  test('a strong password passes every check and the visitor can log in with it', async () => {
    const result = await register(server, { email: 'strong@example.com', password: 'violet-Anchor-93-drizzle' });
    expect(result.__typename).toBe('RegisterSuccess');
    expect(result.user).toMatchObject({ email: 'strong@example.com', isActive: true });
    const loggedIn = await loginAnswer(server, 'strong@example.com', 'violet-Anchor-93-drizzle');
    expect(loggedIn.__typename).toBe('LoginSuccess');
    expect(loggedIn.user.id).toBe(result.user.id);
  });

  test('an email that is already registered is refused, also when typed with other case and surrounding spaces', async () => {
    const first = await register(server, { email: 'Grace.Hopper@Example.com', password: PASSWORD });
    expect(first.__typename).toBe('RegisterSuccess');

    for (const email of ['Grace.Hopper@Example.com', '  grace.hopper@EXAMPLE.COM  ']) {
      const again = await register(server, { email, password: PASSWORD });
      expect(again.__typename).toBe('ValidationError');
      expect(again.fieldErrors).toEqual([{ field: 'email', code: 'ALREADY_EXISTS', message: TEXTS.ALREADY_EXISTS_EMAIL }]);
    }
  });

  test('an email is kept as typed (only trimmed) and the visitor logs in with it in any case', async () => {
    const registered = await register(server, { email: '  Katherine.Johnson@NASA.example  ', password: PASSWORD });
    expect(registered.__typename).toBe('RegisterSuccess');
    expect(registered.user.email).toBe('Katherine.Johnson@NASA.example');

    const loggedIn = await loginAnswer(server, 'katherine.johnson@nasa.EXAMPLE', PASSWORD);
    expect(loggedIn.__typename).toBe('LoginSuccess');
    expect(loggedIn.user).toEqual({ id: registered.user.id, email: 'Katherine.Johnson@NASA.example' });
  });

  test('a refused sign-up stores nothing: its credentials do not log in, and the email can sign up properly later', async () => {
    const refused = await register(server, { email: 'dorothy.vaughan@example.com', password: '12345' });
    expect(refused.__typename).toBe('ValidationError');

    const login = await loginAnswer(server, 'dorothy.vaughan@example.com', '12345');
    expect(login).toMatchObject({ __typename: 'AuthError', code: 'INVALID_CREDENTIALS', message: TEXTS.INVALID_CREDENTIALS });

    const later = await register(server, { email: 'dorothy.vaughan@example.com', password: PASSWORD });
    expect(later.__typename).toBe('RegisterSuccess');
    expect((await loginAnswer(server, 'dorothy.vaughan@example.com', PASSWORD)).__typename).toBe('LoginSuccess');
  });

  test('a sign-up refused for a taken email leaves the existing account as it was', async () => {
    const owner = await register(server, { email: 'mary.jackson@example.com', password: PASSWORD });
    expect(owner.__typename).toBe('RegisterSuccess');
    const intruder = await register(server, { email: 'MARY.JACKSON@example.com', password: 'another-Strong-pass-77' });
    expect(intruder.__typename).toBe('ValidationError');

    expect((await loginAnswer(server, 'mary.jackson@example.com', 'another-Strong-pass-77')).code).toBe('INVALID_CREDENTIALS');
    const loggedIn = await loginAnswer(server, 'mary.jackson@example.com', PASSWORD);
    expect(loggedIn.__typename).toBe('LoginSuccess');
    expect(loggedIn.user.id).toBe(owner.user.id);
  });

  test('a login form sent with an empty email and password is told both are required', async () => {
    const result = await loginAnswer(server, '', '');
    expect(result.__typename).toBe('ValidationError');
    expect(result.code).toBe('VALIDATION_FAILED');
    expect(sortedFieldErrors(result)).toEqual([
      { field: 'email', code: 'REQUIRED', message: TEXTS.REQUIRED },
      { field: 'password', code: 'REQUIRED', message: TEXTS.REQUIRED },
    ]);

    const noPassword = await loginAnswer(server, 'strong@example.com', '');
    expect(noPassword.__typename).toBe('ValidationError');
    expect(noPassword.fieldErrors).toEqual([{ field: 'password', code: 'REQUIRED', message: TEXTS.REQUIRED }]);
  });

  test('an unknown email and a wrong password get the same answer, which gives nothing away', async () => {
    const registered = await register(server, { email: 'annie.easley@example.com', password: PASSWORD });
    expect(registered.__typename).toBe('RegisterSuccess');

    const unknown = await loginAnswer(server, 'nobody-here@example.com', PASSWORD);
    const wrong = await loginAnswer(server, 'annie.easley@example.com', `${PASSWORD}!`);
    for (const answer of [unknown, wrong]) {
      expect(answer).toEqual({ __typename: 'AuthError', code: 'INVALID_CREDENTIALS', message: TEXTS.INVALID_CREDENTIALS });
    }
  });
});

describe('with userCreatePasswordRetype', () => {
  const server = withTestServer({ userCreatePasswordRetype: true });

  test('a visitor who types two different passwords is told on the retype field', async () => {
    const result = await register(server, { email: 'ada@example.com', password: PASSWORD, rePassword: `${PASSWORD}.` });
    expect(result.__typename).toBe('ValidationError');
    expect(result.fieldErrors).toEqual([{ field: 'rePassword', code: 'PASSWORD_MISMATCH', message: TEXTS.PASSWORD_MISMATCH }]);
    expect((await loginAnswer(server, 'ada@example.com', PASSWORD)).code).toBe('INVALID_CREDENTIALS');
  });

  test('when the retype differs and the password breaks the policy, both problems are reported', async () => {
    const result = await register(server, { email: 'ada@example.com', password: '4917', rePassword: '90713' });
    expect(result.__typename).toBe('ValidationError');
    expect(sortedFieldErrors(result)).toEqual([
      { field: 'password', code: 'PASSWORD_ENTIRELY_NUMERIC', message: TEXTS.PASSWORD_ENTIRELY_NUMERIC },
      { field: 'password', code: 'PASSWORD_TOO_SHORT', message: TEXTS.PASSWORD_TOO_SHORT },
      { field: 'rePassword', code: 'PASSWORD_MISMATCH', message: TEXTS.PASSWORD_MISMATCH },
    ]);
  });

  test('a visitor who types the same password twice gets an account', async () => {
    const result = await register(server, { email: 'ada@example.com', password: PASSWORD, rePassword: PASSWORD });
    expect(result.__typename).toBe('RegisterSuccess');
    expect((await loginAnswer(server, 'ada@example.com', PASSWORD)).__typename).toBe('LoginSuccess');
  });

  test('the sign-up form cannot be sent without the retype field', async () => {
    const response = await server.gql(REGISTER, { input: { email: 'no-retype@example.com', password: PASSWORD } });
    expect(response.data?.register ?? null).toBeNull();
    expect(response.errors?.length).toBeGreaterThan(0);
    expect(response.errors![0].message).toMatch(/rePassword/);
  });
});

describe('with activation emails on', () => {
  const server = withTestServer({ sendActivationEmail: true });

  test('a visitor who has not clicked the activation link yet cannot log in, and is told nothing more than for a wrong password', async () => {
    const registered = await register(server, { email: 'katherine@example.com', password: PASSWORD });
    expect(registered.__typename).toBe('RegisterSuccess');
    expect(registered.user.isActive).toBe(false);
    await server.smtp.waitForEmail((e) => e.to === 'katherine@example.com');

    const inactive = await loginAnswer(server, 'katherine@example.com', PASSWORD);
    const wrong = await loginAnswer(server, 'katherine@example.com', 'not-the-password-1');
    expect(inactive).toEqual({ __typename: 'AuthError', code: 'INVALID_CREDENTIALS', message: TEXTS.INVALID_CREDENTIALS });
    expect(wrong).toEqual(inactive);
  });
});

describe('with the messages option', () => {
  const server = withTestServer({ messages: { INVALID_CREDENTIALS: 'Nope.' } });

  test('a failed login shows the text the site chose, while other texts stay djoser\'s', async () => {
    const registered = await register(server, { email: 'ada@example.com', password: PASSWORD });
    expect(registered.__typename).toBe('RegisterSuccess');

    const failed = await loginAnswer(server, 'ada@example.com', 'wrong-password-42');
    expect(failed).toEqual({ __typename: 'AuthError', code: 'INVALID_CREDENTIALS', message: 'Nope.' });

    const required = await loginAnswer(server, 'ada@example.com', '');
    expect(required.fieldErrors).toEqual([{ field: 'password', code: 'REQUIRED', message: TEXTS.REQUIRED }]);
  });
});

describe('when the schema itself checks what was typed (the input rules on LoginInput and ResetPasswordConfirmInput)', () => {
  const SITE_MISMATCH = 'Please type the same password twice.';
  const server = withTestServer({ passwordResetConfirmRetype: true, messages: { PASSWORD_MISMATCH: SITE_MISMATCH } });

  test('a visitor who fills two forms wrongly hears every problem at once, in our codes and the site\'s words, before any account is looked at', async () => {
    const confirmCalls = jest.spyOn(server.auth.accounts, 'resetPasswordConfirm');
    const loginCalls = jest.spyOn(server.auth.accounts, 'login');

    // A reset form from a garbage link, with a short numeric password retyped differently.
    const reset = await server.gql(RESET_PASSWORD_CONFIRM, { input: { uid: 'not a uid', token: 'not a token', newPassword: '4917', reNewPassword: '90713' } });
    expect(reset.errors).toBeUndefined();
    expect(reset.data.resetPasswordConfirm).toEqual(
      validationError(
        { field: 'newPassword', code: 'PASSWORD_TOO_SHORT', message: TEXTS.PASSWORD_TOO_SHORT },
        { field: 'newPassword', code: 'PASSWORD_ENTIRELY_NUMERIC', message: TEXTS.PASSWORD_ENTIRELY_NUMERIC },
        { field: 'reNewPassword', code: 'PASSWORD_MISMATCH', message: SITE_MISMATCH },
      ),
    );
    expect(reset.data.resetPasswordConfirm.message).toBe(TEXTS.VALIDATION_FAILED);

    // A login form with an address too long to be anyone's and no password.
    const login = await loginAnswer(server, `${'a'.repeat(250)}@example.com`, '');
    expect(login).toEqual(
      validationError({ field: 'email', code: 'TOO_LONG', message: TEXTS.TOO_LONG_254 }, { field: 'password', code: 'REQUIRED', message: TEXTS.REQUIRED }),
    );
    // Neither form reached the account system.
    expect(confirmCalls).not.toHaveBeenCalled();
    expect(loginCalls).not.toHaveBeenCalled();

    // Typed right, the same garbage link reaches it, and is refused for what it is.
    const wellTyped = await server.gql(RESET_PASSWORD_CONFIRM, { input: { uid: 'not a uid', token: 'not a token', newPassword: PASSWORD, reNewPassword: PASSWORD } });
    expect(wellTyped.data.resetPasswordConfirm).toMatchObject({ __typename: 'AuthError', code: 'INVALID_UID' });
    expect(confirmCalls).toHaveBeenCalledTimes(1);
  });

  test('a host that calls the account system from its own code gets the same answer for the same malformed forms, by the same rules', async () => {
    const meta = { ip: '192.0.2.7', userAgent: null };
    const reset = await server.auth.accounts.resetPasswordConfirm({ uid: 'not a uid', token: 'not a token', newPassword: '4917', reNewPassword: '90713' }, meta);
    expect(reset).toMatchObject({ ok: false, kind: 'validation', code: 'VALIDATION_FAILED', message: TEXTS.VALIDATION_FAILED });
    expect(!reset.ok && reset.kind === 'validation' && reset.fieldErrors.map((e) => `${e.field}:${e.code}:${e.message}`)).toEqual([
      `newPassword:PASSWORD_TOO_SHORT:${TEXTS.PASSWORD_TOO_SHORT}`,
      `newPassword:PASSWORD_ENTIRELY_NUMERIC:${TEXTS.PASSWORD_ENTIRELY_NUMERIC}`,
      `reNewPassword:PASSWORD_MISMATCH:${SITE_MISMATCH}`,
    ]);

    const login = await server.auth.accounts.login({ login: `${'a'.repeat(250)}@example.com`, password: '' }, meta);
    expect(!login.ok && login.kind === 'validation' && login.fieldErrors.map((e) => `${e.field}:${e.code}`)).toEqual(['email:TOO_LONG', 'password:REQUIRED']);
  });
});
