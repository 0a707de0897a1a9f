import { Button, Group, MultiSelect, NumberInput, Paper, Select, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../app/useCan';
import { useLocalName } from '../../components/names';
import { applyProblem, notifySuccess, ProblemAlert } from '../../components/problem';
import { OrgUnitSelect } from '../org/OrgUnitSelect';
import { PersonSelect } from '../org/PersonSelect';
import { COMPANY_MODULES, saveProfile, useCompaniesMutation, type CompanyProfile, type CompanyProfileBody } from './api';

const bodyOf = (p: CompanyProfile): CompanyProfileBody => ({
  cisoPersonId: p.ciso?.id ?? null,
  cpoPersonId: p.cpo?.id ?? null,
  securityOfficeUnitId: p.securityOffice?.id ?? null,
  fiscalYearStartMonth: p.fiscalYearStartMonth,
  defaultLanguage: p.defaultLanguage,
  timeZone: p.timeZone,
  publicNameJa: p.publicNameJa,
  publicNameEn: p.publicNameEn,
  psirtContact: p.psirtContact,
  privacyWindow: p.privacyWindow,
  modules: p.modules,
});

/** The company's ISMS profile: read by whoever may see the company, changed by its security office (If-Match). */
export function ProfilePanel({ profile }: { profile: CompanyProfile }) {
  const { t } = useTranslation();
  const name = useLocalName();
  const canManage = useCan('companies:manage');
  const [editing, setEditing] = useState(false);
  const form = useForm<CompanyProfileBody>({ initialValues: bodyOf(profile) });
  const save = useCompaniesMutation((b: CompanyProfileBody) => saveProfile(profile.unitId, b, profile.rowVersion));
  const submit = form.onSubmit((values) =>
    save.mutate(values, {
      onSuccess: () => {
        setEditing(false);
        notifySuccess(t('common.saved'));
      },
      onError: (e) => applyProblem(form, e),
    }),
  );
  const row = (label: string, value: string, testId?: string) => (
    <Group gap="xs" wrap="nowrap" align="flex-start">
      <Text size="sm" c="dimmed" miw={140}>
        {label}
      </Text>
      <Text size="sm" data-testid={testId} style={{ overflowWrap: 'anywhere' }}>
        {value || t('companies.profile.notSet')}
      </Text>
    </Group>
  );
  if (!editing)
    return (
      <Paper withBorder p="md" data-testid="company-profile">
        <Stack gap={6}>
          {row(t('companies.profile.ciso'), profile.ciso ? name(profile.ciso) : '', 'profile-ciso')}
          {row(t('companies.profile.cpo'), profile.cpo ? name(profile.cpo) : '')}
          {row(t('companies.profile.securityOffice'), profile.securityOffice ? name(profile.securityOffice) : '')}
          {row(t('companies.profile.fiscalYear'), t(`companies.month.${profile.fiscalYearStartMonth}`))}
          {row(t('companies.profile.language'), t(`companies.language.${profile.defaultLanguage}`))}
          {row(t('companies.profile.timeZone'), profile.timeZone)}
          {row(t('companies.profile.publicName'), [profile.publicNameJa, profile.publicNameEn].filter(Boolean).join(' / '))}
          {row(t('companies.profile.psirtContact'), profile.psirtContact)}
          {row(t('companies.profile.privacyWindow'), profile.privacyWindow)}
          {row(t('companies.profile.modules'), profile.modules.map((m) => t(`companies.module.${m}`)).join('、'))}
          {canManage && (
            <Group>
              <Button
                variant="default"
                onClick={() => {
                  form.setValues(bodyOf(profile));
                  setEditing(true);
                }}
                data-testid="profile-edit"
              >
                {t('common.edit')}
              </Button>
            </Group>
          )}
        </Stack>
      </Paper>
    );
  return (
    <Paper withBorder p="md">
      <form onSubmit={submit} data-testid="profile-form">
        <Stack>
          <ProblemAlert error={save.error} />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <PersonSelect
              label={t('companies.profile.ciso')}
              value={form.values.cisoPersonId}
              onChange={(id) => form.setFieldValue('cisoPersonId', id)}
              error={form.errors.cisoPersonId}
              testId="profile-ciso-input"
            />
            <PersonSelect
              label={t('companies.profile.cpo')}
              value={form.values.cpoPersonId}
              onChange={(id) => form.setFieldValue('cpoPersonId', id)}
              error={form.errors.cpoPersonId}
            />
            <OrgUnitSelect
              label={t('companies.profile.securityOffice')}
              value={form.values.securityOfficeUnitId}
              onChange={(id) => form.setFieldValue('securityOfficeUnitId', id)}
              error={form.errors.securityOfficeUnitId}
              clearable
            />
            <NumberInput
              label={t('companies.profile.fiscalYearMonth')}
              min={1}
              max={12}
              {...form.getInputProps('fiscalYearStartMonth')}
            />
            <Select
              label={t('companies.profile.language')}
              allowDeselect={false}
              data={(['ja', 'en'] as const).map((l) => ({ value: l, label: t(`companies.language.${l}`) }))}
              {...form.getInputProps('defaultLanguage')}
            />
            <TextInput label={t('companies.profile.timeZone')} {...form.getInputProps('timeZone')} />
            <TextInput label={t('companies.profile.publicNameJa')} {...form.getInputProps('publicNameJa')} />
            <TextInput label={t('companies.profile.publicNameEn')} {...form.getInputProps('publicNameEn')} />
            <TextInput label={t('companies.profile.psirtContact')} {...form.getInputProps('psirtContact')} />
            <TextInput label={t('companies.profile.privacyWindow')} {...form.getInputProps('privacyWindow')} />
          </SimpleGrid>
          <MultiSelect
            label={t('companies.profile.modules')}
            data={COMPANY_MODULES.map((m) => ({ value: m, label: t(`companies.module.${m}`) }))}
            {...form.getInputProps('modules')}
          />
          <Group>
            <Button variant="default" onClick={() => setEditing(false)}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending} data-testid="profile-save">
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
