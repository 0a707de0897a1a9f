import { Button, Group, MultiSelect, Select, Stack, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Table } from '../../components/Table';
import { useLocalName } from '../../components/names';
import { IMPACTS, PROPERTIES, type TaraAnalysis, useTaraChange } from './api';
import { ImpactBadge } from './badges';
import { FormModal } from './FormModal';

type Props = { analysis: TaraAnalysis; canManage: boolean };

export function SectionHead({
  title,
  onAdd,
  addLabel,
  testId,
}: {
  title: string;
  onAdd?: () => void;
  addLabel: string;
  testId: string;
}) {
  return (
    <Group justify="space-between">
      <Title order={3}>{title}</Title>
      {onAdd && (
        <Button size="xs" variant="light" onClick={onAdd} data-testid={testId}>
          {addLabel}
        </Button>
      )}
    </Group>
  );
}

/** The assets with their cybersecurity properties. */
export function AssetsTable({ analysis, canManage }: Props) {
  const { t } = useTranslation();
  const [adding, setAdding] = useState(false);
  const [name, setName] = useState('');
  const [properties, setProperties] = useState<string[]>([]);
  const change = useTaraChange(analysis);
  const close = () => {
    setAdding(false);
    change.reset();
  };
  return (
    <Stack gap="xs" data-testid="tara-assets">
      <SectionHead
        title={t('taraPages.assets.title')}
        addLabel={t('taraPages.assets.add')}
        testId="tara-add-asset"
        onAdd={canManage ? () => setAdding(true) : undefined}
      />
      <Table>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('taraPages.fields.name')}</Table.Th>
            <Table.Th>{t('taraPages.fields.properties')}</Table.Th>
            <Table.Th>{t('taraPages.fields.description')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {analysis.assets.map((x) => (
            <Table.Tr key={x.id}>
              <Table.Td>{x.name}</Table.Td>
              <Table.Td>{x.properties.map((p) => t(`tara.property.${p}`)).join(', ')}</Table.Td>
              <Table.Td>{x.description ?? ''}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {adding && (
        <FormModal
          title={t('taraPages.assets.add')}
          testId="tara-asset-form"
          error={change.error}
          pending={change.isPending}
          onClose={close}
          onSubmit={() => change.mutate({ method: 'POST', path: '/assets', json: { name, properties } }, { onSuccess: close })}
        >
          <TextInput
            label={t('taraPages.fields.name')}
            required
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            data-testid="tara-asset-name"
          />
          <MultiSelect
            label={t('taraPages.fields.properties')}
            data={PROPERTIES.map((p) => ({ value: p, label: t(`tara.property.${p}`) }))}
            value={properties}
            onChange={setProperties}
            data-testid="tara-asset-properties"
          />
        </FormModal>
      )}
    </Stack>
  );
}

/** The damage scenarios, rated per impact category of the method, with the overall impact. */
export function DamagesTable({ analysis, canManage }: Props) {
  const { t } = useTranslation();
  const localName = useLocalName();
  const categories = analysis.method.impactCategories;
  const [adding, setAdding] = useState(false);
  const [title, setTitle] = useState('');
  const [impacts, setImpacts] = useState<Record<string, string>>({});
  const change = useTaraChange(analysis);
  const close = () => {
    setAdding(false);
    change.reset();
  };
  return (
    <Stack gap="xs" data-testid="tara-damages">
      <SectionHead
        title={t('taraPages.damages.title')}
        addLabel={t('taraPages.damages.add')}
        testId="tara-add-damage"
        onAdd={canManage ? () => setAdding(true) : undefined}
      />
      <Table minWidth={720}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('taraPages.fields.title')}</Table.Th>
            {categories.map((c) => (
              <Table.Th key={c.code}>{localName(c)}</Table.Th>
            ))}
            <Table.Th>{t('taraPages.fields.impact')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {analysis.damageScenarios.map((d) => (
            <Table.Tr key={d.id}>
              <Table.Td>{d.title}</Table.Td>
              {categories.map((c) => (
                <Table.Td key={c.code}>{d.impacts[c.code] ? t(`tara.impact.${d.impacts[c.code]}`) : '—'}</Table.Td>
              ))}
              <Table.Td>
                <ImpactBadge value={d.impact} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {adding && (
        <FormModal
          title={t('taraPages.damages.add')}
          testId="tara-damage-form"
          error={change.error}
          pending={change.isPending}
          onClose={close}
          onSubmit={() =>
            change.mutate({ method: 'POST', path: '/damage-scenarios', json: { title, impacts } }, { onSuccess: close })
          }
        >
          <TextInput
            label={t('taraPages.fields.title')}
            required
            value={title}
            onChange={(e) => setTitle(e.currentTarget.value)}
          />
          {categories.map((c) => (
            <Select
              key={c.code}
              label={localName(c)}
              clearable
              data={IMPACTS.map((i) => ({ value: i, label: t(`tara.impact.${i}`) }))}
              value={impacts[c.code] ?? null}
              onChange={(v) => {
                const { [c.code]: _drop, ...rest } = impacts;
                setImpacts(v ? { ...rest, [c.code]: v } : rest);
              }}
            />
          ))}
        </FormModal>
      )}
    </Stack>
  );
}
