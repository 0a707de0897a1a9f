import { MultiSelect, Select, Stack, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Table } from '../../components/Table';
import { PROPERTIES, STRIDE, type TaraAnalysis, useR155Catalog, useTaraChange } from './api';
import { FeasibilityBadge } from './badges';
import { FormModal } from './FormModal';
import { SectionHead } from './ItemTables';

/** The threat scenarios (asset + property + cause), with the feasibility their attack trees derive. */
export function ThreatsTable({ analysis, canManage }: { analysis: TaraAnalysis; canManage: boolean }) {
  const { t, i18n } = useTranslation();
  const catalog = useR155Catalog();
  const lang = i18n.language === 'en' ? 'en' : 'ja';
  const asset = new Map(analysis.assets.map((a) => [a.id, a.name]));
  const damage = new Map(analysis.damageScenarios.map((d) => [d.id, d.title]));
  const [adding, setAdding] = useState(false);
  const [form, setForm] = useState({
    title: '',
    assetId: '',
    property: '',
    stride: '',
    damageIds: [] as string[],
    r155Threats: [] as string[],
  });
  const change = useTaraChange(analysis);
  const close = () => {
    setAdding(false);
    change.reset();
  };
  const submit = () =>
    change.mutate(
      { method: 'POST', path: '/threat-scenarios', json: { ...form, stride: form.stride || null } },
      { onSuccess: close },
    );
  return (
    <Stack gap="xs" data-testid="tara-threats">
      <SectionHead
        title={t('taraPages.threats.title')}
        addLabel={t('taraPages.threats.add')}
        testId="tara-add-threat"
        onAdd={canManage ? () => setAdding(true) : undefined}
      />
      <Table minWidth={900}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('taraPages.fields.title')}</Table.Th>
            <Table.Th>{t('taraPages.fields.asset')}</Table.Th>
            <Table.Th>{t('taraPages.fields.property')}</Table.Th>
            <Table.Th>{t('taraPages.fields.stride')}</Table.Th>
            <Table.Th>{t('taraPages.fields.damages')}</Table.Th>
            <Table.Th>{t('taraPages.fields.r155')}</Table.Th>
            <Table.Th>{t('taraPages.fields.potential')}</Table.Th>
            <Table.Th>{t('taraPages.fields.feasibility')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {analysis.threatScenarios.map((x) => (
            <Table.Tr key={x.id} data-testid="tara-threat-row">
              <Table.Td>{x.title}</Table.Td>
              <Table.Td>{asset.get(x.assetId) ?? ''}</Table.Td>
              <Table.Td>{t(`tara.property.${x.property}`)}</Table.Td>
              <Table.Td>{x.stride ? t(`products.stride.${x.stride}`) : '—'}</Table.Td>
              <Table.Td>{x.damageIds.map((d) => damage.get(d)).join(' / ')}</Table.Td>
              <Table.Td>{x.r155Threats.join(', ') || '—'}</Table.Td>
              <Table.Td>{x.attackPotential ?? '—'}</Table.Td>
              <Table.Td>
                <FeasibilityBadge value={x.feasibility} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {adding && (
        <FormModal
          title={t('taraPages.threats.add')}
          testId="tara-threat-form"
          error={change.error}
          pending={change.isPending}
          onClose={close}
          onSubmit={submit}
        >
          <TextInput
            label={t('taraPages.fields.title')}
            required
            value={form.title}
            onChange={(e) => setForm({ ...form, title: e.currentTarget.value })}
          />
          <Select
            label={t('taraPages.fields.asset')}
            data={analysis.assets.map((a) => ({ value: a.id, label: a.name }))}
            value={form.assetId || null}
            onChange={(v) => setForm({ ...form, assetId: v ?? '' })}
          />
          <Select
            label={t('taraPages.fields.property')}
            data={PROPERTIES.map((p) => ({ value: p, label: t(`tara.property.${p}`) }))}
            value={form.property || null}
            onChange={(v) => setForm({ ...form, property: v ?? '' })}
          />
          <Select
            label={t('taraPages.fields.stride')}
            clearable
            data={STRIDE.map((s) => ({ value: s, label: t(`products.stride.${s}`) }))}
            value={form.stride || null}
            onChange={(v) => setForm({ ...form, stride: v ?? '' })}
          />
          <MultiSelect
            label={t('taraPages.fields.damages')}
            data={analysis.damageScenarios.map((d) => ({ value: d.id, label: d.title }))}
            value={form.damageIds}
            onChange={(v) => setForm({ ...form, damageIds: v })}
          />
          <MultiSelect
            label={t('taraPages.fields.r155')}
            searchable
            data={(catalog.data?.threats ?? []).map((c) => ({ value: c.code, label: `${c.code} ${c.title[lang]}` }))}
            value={form.r155Threats}
            onChange={(v) => setForm({ ...form, r155Threats: v })}
          />
        </FormModal>
      )}
    </Stack>
  );
}
