import { Button, Group, Modal, Select, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { ORG_KINDS } from '@mamori/contracts';
import { useTranslation } from 'react-i18next';
import type { OrgUnit } from '../../api/types';
import { applyProblem, notifySuccess, ProblemAlert } from '../../components/problem';
import { useCreateOrgUnit, useUpdateOrgUnit } from './api';
import { OrgUnitSelect } from './OrgUnitSelect';

interface Props {
  /** edit this unit; otherwise create a child of `parentId` (null = top level) */
  unit?: OrgUnit | undefined;
  parentId: string | null;
  onClose: (saved?: OrgUnit) => void;
}

export function OrgUnitFormModal({ unit, parentId, onClose }: Props) {
  const { t } = useTranslation();
  const create = useCreateOrgUnit();
  const update = useUpdateOrgUnit(unit?.id ?? '', unit?.rowVersion);
  const mutation = unit ? update : create;
  const form = useForm({
    initialValues: {
      parentId: unit ? unit.parentId : parentId,
      code: unit?.code ?? '',
      kind: unit?.kind ?? 'department',
      nameJa: unit?.nameJa ?? '',
      nameEn: unit?.nameEn ?? '',
    },
  });
  const submit = form.onSubmit((values) =>
    mutation.mutate(values, {
      onSuccess: (saved) => {
        notifySuccess(t(unit ? 'org.updated' : 'org.created'));
        onClose(saved);
      },
      onError: (e) => applyProblem(form, e),
    }),
  );
  return (
    <Modal opened onClose={() => onClose()} title={t(unit ? 'org.editTitle' : 'org.createTitle')}>
      <form onSubmit={submit} data-testid="org-form">
        <Stack>
          <OrgUnitSelect
            label={t('org.parent')}
            placeholder={t('org.topLevel')}
            clearable
            value={form.values.parentId}
            onChange={(v) => form.setFieldValue('parentId', v)}
            error={form.errors.parentId}
            testId="org-form-parent"
          />
          <TextInput label={t('org.code')} required data-testid="org-form-code" {...form.getInputProps('code')} />
          <Select
            label={t('org.kind')}
            required
            allowDeselect={false}
            data={ORG_KINDS.map((k) => ({ value: k, label: t(`enum.orgKind.${k}`) }))}
            data-testid="org-form-kind"
            {...form.getInputProps('kind')}
          />
          <TextInput label={t('org.nameJa')} required data-testid="org-form-name-ja" {...form.getInputProps('nameJa')} />
          <TextInput label={t('org.nameEn')} required data-testid="org-form-name-en" {...form.getInputProps('nameEn')} />
          <ProblemAlert error={mutation.error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={() => onClose()}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={mutation.isPending} data-testid="org-form-submit">
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
