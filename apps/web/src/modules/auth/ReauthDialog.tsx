import { Button, Group, MantineProvider, Modal, PasswordInput, Stack, Text } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { createRoot } from 'react-dom/client';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../../api/client';
import { applyProblem, ProblemAlert } from '../../components/problem';
import { cssVariablesResolver, theme } from '../../theme';
import { passkeyAssertion } from './passkeys-api';

/**
 * "Confirm it is you": asked when a sensitive action answers 401 `reauth-required` (api/client.ts retries the action
 * once this resolves true). The password, or a passkey (the browser's own dialog), goes to POST /api/auth/reauth.
 */
function ReauthDialog({ done }: { done: (ok: boolean) => void }) {
  const { t } = useTranslation();
  const [opened, setOpened] = useState(true);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const form = useForm({ initialValues: { password: '' } });
  const webauthn = typeof window !== 'undefined' && 'PublicKeyCredential' in window;

  const close = (ok: boolean) => {
    setOpened(false);
    done(ok);
  };
  const send = async (body: object) => {
    setPending(true);
    setError(null);
    try {
      await api('/auth/reauth', { method: 'POST', json: body });
      close(true);
    } catch (e) {
      if (e instanceof ApiError && e.errors.some((f) => f.path === 'body.password')) applyProblem(form, e);
      else setError(e);
    } finally {
      setPending(false);
    }
  };
  const withPasskey = async () => {
    let passkey: unknown;
    try {
      passkey = await passkeyAssertion();
    } catch {
      return; // the person closed the browser's dialog
    }
    await send({ passkey });
  };

  return (
    <Modal opened={opened} onClose={() => close(false)} title={t('reauth.title')} centered data-testid="reauth-dialog">
      <form onSubmit={form.onSubmit((v) => void send({ password: v.password }))}>
        <Stack>
          <Text size="sm">{t('reauth.intro')}</Text>
          <PasswordInput
            label={t('reauth.password')}
            autoComplete="current-password"
            data-autofocus
            required
            data-testid="reauth-password"
            {...form.getInputProps('password')}
          />
          {error !== null && <ProblemAlert error={error} testId="reauth-problem" />}
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={() => close(false)} data-testid="reauth-cancel">
              {t('reauth.cancel')}
            </Button>
            {webauthn && (
              <Button variant="default" onClick={() => void withPasskey()} disabled={pending} data-testid="reauth-passkey">
                {t('reauth.passkey')}
              </Button>
            )}
            <Button type="submit" loading={pending} data-testid="reauth-submit">
              {t('reauth.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/** Opens the dialog in its own root (it can be asked from anywhere, outside the router); true once confirmed. */
export function askReauth(): Promise<boolean> {
  return new Promise((resolve) => {
    const host = document.createElement('div');
    document.body.appendChild(host);
    const root = createRoot(host);
    const done = (ok: boolean) => {
      resolve(ok);
      // let the modal's closing transition run before the root goes
      setTimeout(() => {
        root.unmount();
        host.remove();
      }, 300);
    };
    root.render(
      <MantineProvider theme={theme} cssVariablesResolver={cssVariablesResolver}>
        <ReauthDialog done={done} />
      </MantineProvider>,
    );
  });
}
