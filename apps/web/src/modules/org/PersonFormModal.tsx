import { Button, Group, Modal, Select, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { PERSON_KINDS, PERSON_STATUSES } from '@mamori/contracts';
import { useTranslation } from 'react-i18next';
import type { Person } from '../../api/types';
import { applyProblem, notifySuccess, ProblemAlert } from '../../components/problem';
import { useCreatePerson, useUpdatePerson } from './api';
import { OrgUnitSelect } from './OrgUnitSelect';

/** Create a person, or edit one (including marking them as left). */
export function PersonFormModal({ person, onClose }: { person?: Person | undefined; onClose: () => void }) {
  const { t } = useTranslation();
  const create = useCreatePerson();
  const update = useUpdatePerson(person?.id ?? '', person?.rowVersion);
  const mutation = person ? update : create;
  const form = useForm({
    initialValues: {
      employeeNo: person?.employeeNo ?? '',
      nameJa: person?.nameJa ?? '',
      nameEn: person?.nameEn ?? '',
      email: person?.email ?? '',
      kind: person?.kind ?? 'employee',
      orgUnitId: person?.orgUnitId ?? null,
      status: person?.status ?? 'active',
    },
  });
  const submit = form.onSubmit(({ status, email, orgUnitId, ...rest }) => {
    const body = { ...rest, email: email.trim() === '' ? null : email.trim(), orgUnitId: orgUnitId ?? '' };
    const done = {
      onSuccess: () => {
        notifySuccess(t(person ? 'people.updated' : 'people.created'));
        onClose();
      },
      onError: (e: Error) => applyProblem(form, e),
    };
    if (person) update.mutate({ ...body, status }, done);
    else create.mutate(body, done);
  });
  return (
    <Modal opened onClose={onClose} title={t(person ? 'people.editTitle' : 'people.createTitle')}>
      <form onSubmit={submit} data-testid="person-form">
        <Stack>
          <TextInput
            label={t('people.employeeNo')}
            required
            data-testid="person-employee-no"
            {...form.getInputProps('employeeNo')}
          />
          <TextInput label={t('people.nameJa')} required data-testid="person-name-ja" {...form.getInputProps('nameJa')} />
          <TextInput label={t('people.nameEn')} required data-testid="person-name-en" {...form.getInputProps('nameEn')} />
          <TextInput label={t('fields.email')} type="email" data-testid="person-email" {...form.getInputProps('email')} />
          <Select
            label={t('people.kind')}
            required
            allowDeselect={false}
            data={PERSON_KINDS.map((k) => ({ value: k, label: t(`enum.personKind.${k}`) }))}
            data-testid="person-kind"
            {...form.getInputProps('kind')}
          />
          <OrgUnitSelect
            label={t('people.orgUnit')}
            required
            value={form.values.orgUnitId}
            onChange={(v) => form.setFieldValue('orgUnitId', v)}
            error={form.errors.orgUnitId}
            testId="person-org"
          />
          {person && (
            <Select
              label={t('people.status')}
              allowDeselect={false}
              data={PERSON_STATUSES.map((s) => ({ value: s, label: t(`enum.personStatus.${s}`) }))}
              data-testid="person-status"
              {...form.getInputProps('status')}
            />
          )}
          <ProblemAlert error={mutation.error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={mutation.isPending} data-testid="person-submit">
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
