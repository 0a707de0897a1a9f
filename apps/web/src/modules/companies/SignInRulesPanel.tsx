import { Button, Group, MultiSelect, NumberInput, SimpleGrid, Stack, Text } from '@mantine/core';
import { useForm } from '@mantine/form';
import { ROLES, type SignInRules } from '@mamori/contracts';
import { useTranslation } from 'react-i18next';
import { applyProblem, notifySuccess, ProblemAlert } from '../../components/problem';
import { saveCompanySetting, useCompaniesMutation, type EffectiveSetting } from './api';

/**
 * The company's password, MFA and session rules (`auth.signInRules`, stricter only): each field with the value the
 * company inherits beside it; a looser value is refused by the server, field by field.
 */
export function SignInRulesPanel({ unitId, setting, canEdit }: { unitId: string; setting: EffectiveSetting; canEdit: boolean }) {
  const { t } = useTranslation();
  const value = setting.value as SignInRules;
  const inherited = setting.inherited as SignInRules;
  const form = useForm({ initialValues: { value } });
  const save = useCompaniesMutation((v: SignInRules) => saveCompanySetting(unitId, setting.key, v, setting.ownVersion));
  const submit = form.onSubmit((v) =>
    save.mutate(
      {
        passwordMinLength: Number(v.value.passwordMinLength),
        mfaRequiredRoles: v.value.mfaRequiredRoles,
        sessionIdleMinutes: Number(v.value.sessionIdleMinutes),
        sessionMaxHours: Number(v.value.sessionMaxHours),
      },
      { onSuccess: () => notifySuccess(t('common.saved')), onError: (e) => applyProblem(form, e) },
    ),
  );
  const roleName = (r: string) => t(`enum.role.${r}`);
  return (
    <form onSubmit={submit} data-testid="sign-in-rules-form">
      <Stack gap="sm">
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <NumberInput
            label={t('companies.signInRules.passwordMinLength')}
            description={t('companies.signInRules.inherited', { value: inherited.passwordMinLength })}
            min={12}
            max={128}
            disabled={!canEdit}
            data-testid="rules-password-min"
            {...form.getInputProps('value.passwordMinLength')}
          />
          <MultiSelect
            label={t('companies.signInRules.mfaRequiredRoles')}
            description={t('companies.signInRules.inherited', {
              value: inherited.mfaRequiredRoles.map(roleName).join(', ') || t('companies.signInRules.none'),
            })}
            data={ROLES.map((r) => ({ value: r, label: roleName(r) }))}
            disabled={!canEdit}
            data-testid="rules-mfa-roles"
            {...form.getInputProps('value.mfaRequiredRoles')}
          />
          <NumberInput
            label={t('companies.signInRules.sessionIdleMinutes')}
            description={t('companies.signInRules.inherited', { value: inherited.sessionIdleMinutes })}
            min={5}
            max={1440}
            disabled={!canEdit}
            data-testid="rules-idle"
            {...form.getInputProps('value.sessionIdleMinutes')}
          />
          <NumberInput
            label={t('companies.signInRules.sessionMaxHours')}
            description={t('companies.signInRules.inherited', { value: inherited.sessionMaxHours })}
            min={1}
            max={720}
            disabled={!canEdit}
            data-testid="rules-max-hours"
            {...form.getInputProps('value.sessionMaxHours')}
          />
        </SimpleGrid>
        <Text size="sm" c="dimmed">
          {t('companies.signInRules.help')}
        </Text>
        <ProblemAlert error={save.error} />
        {canEdit && (
          <Group justify="flex-end">
            <Button type="submit" loading={save.isPending} data-testid="rules-save">
              {t('common.save')}
            </Button>
          </Group>
        )}
      </Stack>
    </form>
  );
}
