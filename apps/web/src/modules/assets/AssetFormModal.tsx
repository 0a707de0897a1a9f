import { Button, Checkbox, Group, Modal, NumberInput, Select, SimpleGrid, Stack, TagsInput, TextInput } from '@mantine/core';
import { useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { fieldError, ProblemAlert } from '../../components/problem';
import { OrgUnitSelect } from '../org/OrgUnitSelect';
import { PersonSelect } from '../org/PersonSelect';
import { ASSET_KINDS, useAssetsMutation, useFields, useScheme, type AssetDetail } from './api';
import { DateField } from '../../components/dates/DateField';

type Custom = Record<string, string | number | null>;
interface Props {
  asset?: AssetDetail;
  /** a new asset recorded as a copy of this one (2-1-2) */
  copyOf?: AssetDetail;
  onClose: () => void;
}

const CIA = ['1', '2', '3'];

/** Creates or edits an asset; the class list and the custom fields are those of the chosen unit. */
export function AssetFormModal({ asset, copyOf, onClose }: Props) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const base = asset ?? copyOf;
  const [unitId, setUnitId] = useState<string | null>(base?.unitId ?? null);
  const [ownerId, setOwnerId] = useState<string | null>(base?.ownerId ?? null);
  const [v, setV] = useState({
    name: copyOf ? `${copyOf.name} ${t('assets.copySuffix')}` : (asset?.name ?? ''),
    kind: base?.kind ?? 'electronic',
    classCode: base?.classCode ?? '',
    confidentiality: String(base?.confidentiality ?? 2),
    integrity: String(base?.integrity ?? 2),
    availability: String(base?.availability ?? 2),
    location: base?.location ?? '',
    personalData: base?.personalData ?? false,
    personalCategories: base?.personalCategories ?? [],
    retention: base?.retention ?? '',
    disposal: base?.disposal ?? '',
  });
  const [custom, setCustom] = useState<Custom>(base?.custom ?? {});
  const scheme = useScheme(unitId);
  const fields = useFields(unitId);
  const set = <K extends keyof typeof v>(k: K, value: (typeof v)[K]) => setV((s) => ({ ...s, [k]: value }));
  const mutation = useAssetsMutation((body: Record<string, unknown>) =>
    asset
      ? api<AssetDetail>(`/assets/${asset.id}`, { method: 'PATCH', json: body, ifMatch: asset.rowVersion })
      : api<AssetDetail>('/assets', { method: 'POST', json: body }),
  );
  const err = (f: string) => fieldError(mutation.error, f);
  const submit = async () => {
    const body = {
      unitId,
      ownerId,
      ...v,
      confidentiality: Number(v.confidentiality),
      integrity: Number(v.integrity),
      availability: Number(v.availability),
      custom,
      ...(copyOf ? { originalId: copyOf.id } : {}),
    };
    const saved = await mutation.mutateAsync(body).catch(() => null);
    if (!saved) return;
    onClose();
    if (!asset) void navigate({ to: `/assets/${saved.id}` });
  };
  const ja = i18n.language === 'ja';
  return (
    <Modal
      opened
      onClose={onClose}
      title={asset ? t('assets.edit') : copyOf ? t('assets.addCopy') : t('assets.create')}
      size="lg"
    >
      <Stack data-testid="asset-form">
        <ProblemAlert error={mutation.error} />
        <OrgUnitSelect
          label={t('assets.field.unit')}
          value={unitId}
          onChange={setUnitId}
          required
          error={err('unitId')}
          testId="asset-unit"
        />
        <TextInput
          label={t('assets.field.name')}
          required
          value={v.name}
          onChange={(e) => set('name', e.currentTarget.value)}
          error={err('name')}
          data-testid="asset-name"
        />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <Select
            label={t('assets.field.kind')}
            required
            allowDeselect={false}
            value={v.kind}
            onChange={(k) => set('kind', (k ?? 'electronic') as typeof v.kind)}
            data={ASSET_KINDS.map((k) => ({ value: k, label: t(`assets.kind.${k}`) }))}
            error={err('kind')}
          />
          <Select
            label={t('assets.field.class')}
            required
            value={v.classCode || null}
            onChange={(c) => set('classCode', c ?? '')}
            data={(scheme.data?.value.classes ?? []).map((c) => ({ value: c.code, label: ja ? c.nameJa : c.nameEn }))}
            error={err('classCode')}
            data-testid="asset-class"
          />
        </SimpleGrid>
        <PersonSelect
          label={t('assets.field.owner')}
          value={ownerId}
          onChange={(id) => setOwnerId(id)}
          required
          error={err('ownerId')}
          testId="asset-owner"
        />
        <SimpleGrid cols={3}>
          {(['confidentiality', 'integrity', 'availability'] as const).map((k) => (
            <Select
              key={k}
              label={t(`assets.field.${k}`)}
              allowDeselect={false}
              value={v[k]}
              onChange={(x) => set(k, x ?? '2')}
              data={CIA}
              error={err(k)}
            />
          ))}
        </SimpleGrid>
        <TextInput
          label={t('assets.field.location')}
          value={v.location}
          onChange={(e) => set('location', e.currentTarget.value)}
          error={err('location')}
        />
        <Checkbox
          label={t('assets.field.personalData')}
          checked={v.personalData}
          onChange={(e) => set('personalData', e.currentTarget.checked)}
        />
        {v.personalData && (
          <TagsInput
            label={t('assets.field.personalCategories')}
            value={v.personalCategories}
            onChange={(x) => set('personalCategories', x)}
            error={err('personalCategories')}
          />
        )}
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput
            label={t('assets.field.retention')}
            value={v.retention}
            onChange={(e) => set('retention', e.currentTarget.value)}
          />
          <TextInput
            label={t('assets.field.disposal')}
            value={v.disposal}
            onChange={(e) => set('disposal', e.currentTarget.value)}
          />
        </SimpleGrid>
        {(fields.data?.value ?? []).map((f) => {
          const label = ja ? f.labelJa : f.labelEn;
          const value = custom[f.key];
          const put = (x: string | number | null) => setCustom((c) => ({ ...c, [f.key]: x }));
          const error = err(`custom.${f.key}`);
          if (f.type === 'number')
            return (
              <NumberInput
                key={f.key}
                label={label}
                required={f.required}
                value={typeof value === 'number' ? value : ''}
                onChange={(x) => put(x === '' ? null : Number(x))}
                error={error}
              />
            );
          if (f.type === 'list')
            return (
              <Select
                key={f.key}
                label={label}
                required={f.required}
                clearable
                value={typeof value === 'string' ? value : null}
                onChange={put}
                data={f.options}
                error={error}
              />
            );
          if (f.type === 'date')
            return (
              <DateField
                key={f.key}
                label={label}
                required={f.required}
                value={typeof value === 'string' ? value : ''}
                onChange={(v) => put(v || null)}
                error={error}
              />
            );
          return (
            <TextInput
              key={f.key}
              label={label}
              required={f.required}
              value={typeof value === 'string' ? value : ''}
              onChange={(e) => put(e.currentTarget.value || null)}
              error={error}
            />
          );
        })}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button onClick={() => void submit()} loading={mutation.isPending} data-testid="asset-save">
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
