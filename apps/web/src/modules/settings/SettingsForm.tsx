import { Button, Group, MultiSelect, NumberInput, Paper, Select, Stack } from '@mantine/core';
import { useForm } from '@mantine/form';
import { REAUTH_MINUTES, ROLES } from '@mamori/contracts';
import { useTranslation } from 'react-i18next';
import type { Settings } from '../../api/types';
import { applyProblem, notifySuccess, ProblemAlert } from '../../components/problem';
import { useUpdateSettings } from './api';

/** The installation's account and session rules: inactivity, session lengths, step-up window, MFA per role, local sign-in. */
export function SettingsForm({ initial }: { initial: Settings }) {
  const { t } = useTranslation();
  const update = useUpdateSettings();
  const form = useForm({ initialValues: initial });
  const submit = form.onSubmit((v) =>
    update.mutate(
      {
        inactiveDays: Number(v.inactiveDays),
        passwordMinLength: Number(v.passwordMinLength),
        sessionIdleMinutes: Number(v.sessionIdleMinutes),
        sessionMaxHours: Number(v.sessionMaxHours),
        mfaRequiredRoles: v.mfaRequiredRoles,
        localSignIn: v.localSignIn,
        reauthMinutes: Number(v.reauthMinutes),
      },
      { onSuccess: () => notifySuccess(t('common.saved')), onError: (e) => applyProblem(form, e) },
    ),
  );
  return (
    <Paper withBorder p="md">
      <form onSubmit={submit} data-testid="settings-form">
        <Stack>
          <NumberInput
            label={t('settings.inactiveDays')}
            description={t('settings.inactiveDaysHelp')}
            min={7}
            max={730}
            data-testid="settings-inactive-days"
            {...form.getInputProps('inactiveDays')}
          />
          <NumberInput
            label={t('settings.passwordMinLength')}
            description={t('settings.passwordMinLengthHelp')}
            min={12}
            max={128}
            data-testid="settings-password-min"
            {...form.getInputProps('passwordMinLength')}
          />
          <NumberInput
            label={t('settings.sessionIdleMinutes')}
            min={5}
            max={1440}
            data-testid="settings-idle"
            {...form.getInputProps('sessionIdleMinutes')}
          />
          <NumberInput
            label={t('settings.sessionMaxHours')}
            min={1}
            max={720}
            data-testid="settings-max-hours"
            {...form.getInputProps('sessionMaxHours')}
          />
          <NumberInput
            label={t('settings.reauthMinutes')}
            description={t('settings.reauthMinutesHelp')}
            min={REAUTH_MINUTES.min}
            max={REAUTH_MINUTES.max}
            data-testid="settings-reauth"
            {...form.getInputProps('reauthMinutes')}
          />
          <MultiSelect
            label={t('settings.mfaRequiredRoles')}
            description={t('settings.mfaRequiredRolesHelp')}
            data={ROLES.map((r) => ({ value: r, label: t(`enum.role.${r}`) }))}
            data-testid="settings-mfa-roles"
            {...form.getInputProps('mfaRequiredRoles')}
          />
          <Select
            label={t('settings.localSignIn')}
            description={t('settings.localSignInHelp')}
            data={(['everyone', 'break_glass'] as const).map((v) => ({ value: v, label: t(`settings.localSignInValue.${v}`) }))}
            allowDeselect={false}
            data-testid="settings-local-sign-in"
            {...form.getInputProps('localSignIn')}
          />
          <ProblemAlert error={update.error} />
          <Group justify="flex-end">
            <Button type="submit" loading={update.isPending} data-testid="settings-submit">
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
