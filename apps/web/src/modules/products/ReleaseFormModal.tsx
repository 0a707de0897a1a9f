import { Button, Group, Modal, Select, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { applyProblem, notifySuccess, ProblemAlert } from '../../components/problem';
import { patch, post, type Release, releasePath, useProductMutation } from './api';
import { DateField } from '../../components/dates/DateField';

interface Values {
  version: string;
  releasedOn: string;
  status: Release['status'];
}

/**
 * Add a release, or edit one. Shipping is not chosen here: it passes the ship gate from the release's
 * own button, where a refusal lists the open findings. A shipped release keeps its version.
 */
export function ReleaseFormModal(p: {
  productId: string;
  release?: Release;
  onClose: () => void;
  onCreated?: (id: string) => void;
}) {
  const { t } = useTranslation();
  const r = p.release;
  const form = useForm<Values>({
    initialValues: { version: r?.version ?? '', releasedOn: r?.releasedOn ?? '', status: r?.status ?? 'planned' },
  });
  const save = useProductMutation((v: Values) => {
    const body = { version: v.version, releasedOn: v.releasedOn || null };
    if (!r) return post<Release>(`/products/${p.productId}/releases`, body);
    return patch<Release>(releasePath(p.productId, r.id), { ...body, status: v.status }, r.rowVersion);
  });
  const statuses = r?.status === 'shipped' ? ['shipped', 'withdrawn'] : ['planned', 'withdrawn'];
  const submit = form.onSubmit((v) =>
    save.mutate(v, {
      onSuccess: (saved) => {
        notifySuccess(t('common.saved'));
        p.onClose();
        if (!r) p.onCreated?.(saved.id);
      },
      onError: (e) => applyProblem(form, e),
    }),
  );
  return (
    <Modal opened onClose={p.onClose} title={r ? t('products.release.edit') : t('products.release.create')}>
      <form onSubmit={submit} data-testid="release-form">
        <Stack>
          <TextInput
            label={t('products.fields.version')}
            required
            disabled={r?.status === 'shipped'}
            description={r?.status === 'shipped' ? t('products.release.versionKept') : undefined}
            {...form.getInputProps('version')}
            data-testid="release-version"
          />
          <DateField label={t('products.fields.releasedOn')} {...form.getInputProps('releasedOn')} data-testid="release-date" />
          {r && (
            <Select
              label={t('products.fields.releaseStatus')}
              allowDeselect={false}
              data={statuses.map((s) => ({ value: s, label: t(`products.releaseStatus.${s}`) }))}
              {...form.getInputProps('status')}
              data-testid="release-status-select"
            />
          )}
          <ProblemAlert error={save.error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={p.onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending} data-testid="release-save">
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
