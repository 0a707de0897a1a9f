import { Badge, Button, Code, Group, Image, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import type { Me } from '../../api/types';
import { applyProblem, notifySuccess, ProblemAlert } from '../../components/problem';
import { useMfaDisable, useMfaEnable, useMfaSetup } from './api';

/** Enrol in TOTP (QR code + secret, confirm with a code) or turn it off (password + code). */
export function MfaSection({ me }: { me: Me }) {
  const { t } = useTranslation();
  return (
    <Paper withBorder p="md" data-testid="mfa-section">
      <Group justify="space-between" mb="sm">
        <Title order={4}>{t('mfa.title')}</Title>
        <Badge color={me.user.mfaEnabled ? 'green' : 'gray'} data-testid="mfa-status">
          {me.user.mfaEnabled ? t('mfa.on') : t('mfa.off')}
        </Badge>
      </Group>
      {me.user.mfaEnabled ? <DisableMfa /> : <EnrolMfa />}
    </Paper>
  );
}

function EnrolMfa() {
  const { t } = useTranslation();
  const setup = useMfaSetup();
  const enable = useMfaEnable();
  const form = useForm({ initialValues: { code: '' } });
  if (!setup.data) {
    return (
      <Stack align="flex-start">
        <Text size="sm">{t('mfa.intro')}</Text>
        <ProblemAlert error={setup.error} />
        <Button onClick={() => setup.mutate()} loading={setup.isPending} data-testid="mfa-start">
          {t('mfa.start')}
        </Button>
      </Stack>
    );
  }
  const submit = form.onSubmit((v) =>
    enable.mutate(v, { onSuccess: () => notifySuccess(t('mfa.enabled')), onError: (e) => applyProblem(form, e) }),
  );
  return (
    <form onSubmit={submit} data-testid="mfa-enable-form">
      <Stack>
        <Text size="sm">{t('mfa.scan')}</Text>
        <Image
          src={`data:image/svg+xml;utf8,${encodeURIComponent(setup.data.qrSvg)}`}
          alt={t('mfa.qrAlt')}
          w={200}
          h={200}
          data-testid="mfa-qr"
        />
        <Text size="sm">{t('mfa.secretHelp')}</Text>
        <Code data-testid="mfa-secret">{setup.data.secret}</Code>
        <TextInput
          label={t('mfa.code')}
          required
          inputMode="numeric"
          autoComplete="one-time-code"
          maxLength={6}
          data-testid="mfa-code"
          {...form.getInputProps('code')}
        />
        <ProblemAlert error={enable.error} />
        <Group>
          <Button type="submit" loading={enable.isPending} data-testid="mfa-enable">
            {t('mfa.confirm')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function DisableMfa() {
  const { t } = useTranslation();
  const disable = useMfaDisable();
  const form = useForm({ initialValues: { password: '', code: '' } });
  const submit = form.onSubmit((v) =>
    disable.mutate(v, {
      onSuccess: () => {
        form.reset();
        notifySuccess(t('mfa.disabled'));
      },
      onError: (e) => applyProblem(form, e),
    }),
  );
  return (
    <form onSubmit={submit} data-testid="mfa-disable-form">
      <Stack>
        <Text size="sm">{t('mfa.disableIntro')}</Text>
        <PasswordInput
          label={t('fields.password')}
          required
          autoComplete="current-password"
          {...form.getInputProps('password')}
        />
        <TextInput
          label={t('mfa.code')}
          required
          inputMode="numeric"
          autoComplete="one-time-code"
          maxLength={6}
          {...form.getInputProps('code')}
        />
        <ProblemAlert error={disable.error} />
        <Group>
          <Button type="submit" color="red" variant="light" loading={disable.isPending} data-testid="mfa-disable">
            {t('mfa.disable')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
