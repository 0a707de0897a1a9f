import type { SsoError } from '@mamori/contracts';
import { Alert, Button, Divider, PasswordInput, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useRouter, useSearch } from '@tanstack/react-router';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { FullPageLoader } from '../../app/AppLayout';
import { PublicLayout } from '../../app/PublicLayout';
import { applyProblem, ProblemAlert } from '../../components/problem';
import { Redirect } from '../../components/Redirect';
import { LOGOUT_STATE_KEY, useMe, useSetupStatus, useSignIn, useSsoProviders } from './api';
import { passkeyAssertion, usePasskeySignIn } from './passkeys-api';

/** The reasons a single sign-on comes back (contracts SSO_ERRORS), each with its text in signIn.sso. */
const SSO_ERRORS: readonly SsoError[] = ['no-account', 'unverified-email', 'disabled', 'expired', 'failed'];
const ssoErrorOf = (code: string): SsoError => SSO_ERRORS.find((c) => c === code) ?? 'failed';

/** Only same-origin paths: the redirect comes from the URL. */
const safeRedirect = (r: string | undefined) =>
  r && r.startsWith('/') && !r.startsWith('//') && !/^\/(sign-in|setup|activate)\b/.test(r) ? r : '/';

export function SignInPage() {
  const { t, i18n } = useTranslation();
  const router = useRouter();
  const { redirect, sso_error: ssoError, state } = useSearch({ from: '/sign-in' });
  // back from the provider's logout: the state it returns is the one this browser kept when it left (read once)
  const [signedOut] = useState(() => !!state && sessionStorage.getItem(LOGOUT_STATE_KEY) === state);
  useEffect(() => {
    if (signedOut) sessionStorage.removeItem(LOGOUT_STATE_KEY);
  }, [signedOut]);
  const providers = useSsoProviders();
  const me = useMe();
  const setup = useSetupStatus();
  const signIn = useSignIn();
  const passkeySignIn = usePasskeySignIn();
  const webauthn = typeof window !== 'undefined' && 'PublicKeyCredential' in window;
  const [needTotp, setNeedTotp] = useState(false);
  const form = useForm({ initialValues: { email: '', password: '', totp: '' } });

  if (me.isPending || setup.isPending) return <FullPageLoader />;
  if (setup.data?.needed) return <Redirect to="/setup" />;
  if (me.data && !signIn.isPending && !signIn.isSuccess && !passkeySignIn.isPending && !passkeySignIn.isSuccess)
    return <Redirect to={safeRedirect(redirect)} />;

  const submit = form.onSubmit(({ email, password, totp }) =>
    signIn.mutate(
      { email, password, ...(needTotp ? { totp } : {}) },
      {
        onSuccess: () => router.history.push(safeRedirect(redirect)),
        onError: (e) => {
          if (e instanceof ApiError && e.code === 'mfa-required') {
            if (needTotp) form.setFieldError('totp', t('signIn.totpWrong'));
            setNeedTotp(true);
            form.setFieldValue('totp', '');
            return;
          }
          applyProblem(form, e);
        },
      },
    ),
  );
  /** The second factor as a passkey: the browser's passkey dialog, then the same sign-in with its answer. */
  const withPasskey = async () => {
    const { email, password } = form.getValues();
    try {
      const passkey = await passkeyAssertion();
      signIn.mutate({ email, password, passkey }, { onSuccess: () => router.history.push(safeRedirect(redirect)) });
    } catch {
      // the person closed the browser's dialog: nothing to say
    }
  };
  const showError = signIn.error && !(signIn.error instanceof ApiError && signIn.error.code === 'mfa-required');

  return (
    <PublicLayout title={t('signIn.title')}>
      <form onSubmit={submit} data-testid="sign-in-form">
        <Stack>
          {signedOut && (
            <Alert color="green" data-testid="signed-out">
              {t('signIn.signedOut')}
            </Alert>
          )}
          <TextInput
            label={t('fields.email')}
            type="email"
            required
            autoComplete="username"
            readOnly={needTotp}
            data-testid="sign-in-email"
            {...form.getInputProps('email')}
          />
          <PasswordInput
            label={t('fields.password')}
            required
            autoComplete="current-password"
            readOnly={needTotp}
            data-testid="sign-in-password"
            {...form.getInputProps('password')}
          />
          {needTotp && (
            <TextInput
              label={t('signIn.totp')}
              description={t('signIn.totpHelp')}
              required
              autoFocus
              inputMode="numeric"
              autoComplete="one-time-code"
              maxLength={6}
              data-testid="sign-in-totp"
              {...form.getInputProps('totp')}
            />
          )}
          {showError && <ProblemAlert error={signIn.error} />}
          <Button type="submit" loading={signIn.isPending} data-testid="sign-in-submit">
            {t('signIn.submit')}
          </Button>
          {needTotp && webauthn && (
            <Button variant="default" onClick={() => void withPasskey()} data-testid="sign-in-passkey-second">
              {t('signIn.usePasskey')}
            </Button>
          )}
          {!needTotp && webauthn && (
            <Button
              variant="default"
              loading={passkeySignIn.isPending}
              onClick={() => passkeySignIn.mutate(undefined, { onSuccess: () => router.history.push(safeRedirect(redirect)) })}
              data-testid="sign-in-passkey"
            >
              {t('signIn.passkey')}
            </Button>
          )}
          {passkeySignIn.error instanceof ApiError && <ProblemAlert error={passkeySignIn.error} />}
          {ssoError && (
            <Alert color="red" data-testid="sso-error">
              {t(`signIn.sso.${ssoErrorOf(ssoError)}`)}
            </Alert>
          )}
          {!!providers.data?.length && <Divider label={t('signIn.or')} />}
          {providers.data?.map((p) => (
            <Button
              key={p.id}
              component="a"
              href={`/api/auth/${p.kind}/start?provider=${p.id}`}
              variant="default"
              data-testid="sso-button"
            >
              {t('signIn.with', { name: i18n.language === 'ja' ? p.nameJa : p.nameEn })}
            </Button>
          ))}
        </Stack>
      </form>
    </PublicLayout>
  );
}
