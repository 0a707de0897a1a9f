import { Badge, Button, Group, Loader, NumberInput, Select, Stack, Text, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../app/useCan';
import { useLocalName } from '../../components/names';
import { fieldError, ProblemAlert } from '../../components/problem';
import { Table } from '../../components/Table';
import { AnchorLink } from '../tara/AnchorLink';
import { FormModal } from '../tara/FormModal';
import {
  COMPONENT_TYPES,
  createAssessment,
  FR_KEYS,
  useAssessments,
  useIecMutation,
  useProductOptions,
  type Summary,
} from './api';

/** "2 / 2 / 1 …": one level per FR, as compact as a phone needs. */
const levels = (sl: Summary['slTarget']) => FR_KEYS.map((k) => sl[k]).join(' / ');

/** The IEC 62443 assessments of the products in the reader's scope: target and achieved levels, requirements by status. */
export function AssessmentsPage() {
  const { t } = useTranslation();
  const localName = useLocalName();
  const list = useAssessments();
  const canManage = useCan('products:manage');
  const [creating, setCreating] = useState(false);
  return (
    <Stack data-testid="iec62443-list-page">
      <Group justify="space-between">
        <Title order={2}>{t('iec62443.list.title')}</Title>
        {canManage && (
          <Button size="xs" onClick={() => setCreating(true)} data-testid="iec62443-new">
            {t('iec62443.newAssessment')}
          </Button>
        )}
      </Group>
      <Text size="sm" c="dimmed">
        {t('iec62443.list.intro')}
      </Text>
      {list.isPending ? (
        <Loader />
      ) : !list.data ? (
        <ProblemAlert error={list.error} />
      ) : list.data.items.length === 0 ? (
        <Text size="sm">{t('iec62443.list.none')}</Text>
      ) : (
        <Table data-testid="iec62443-assessments" minWidth={600}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('iec62443.fields.product')}</Table.Th>
              <Table.Th>{t('iec62443.fields.componentType')}</Table.Th>
              <Table.Th>{t('iec62443.fields.slTarget')}</Table.Th>
              <Table.Th>{t('iec62443.fields.slCapability')}</Table.Th>
              <Table.Th>{t('iec62443.fields.progress')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {list.data.items.map((a) => (
              <Table.Tr key={a.productId}>
                <Table.Td>
                  <AnchorLink to="/iec62443/$id" params={{ id: a.productId }} data-testid="iec62443-link">
                    {a.productCode} {localName({ nameJa: a.productNameJa, nameEn: a.productNameEn })}
                  </AnchorLink>
                </Table.Td>
                <Table.Td>{t(`iec62443.type.${a.componentType}`)}</Table.Td>
                <Table.Td>{levels(a.slTarget)}</Table.Td>
                <Table.Td>{levels(a.slCapability)}</Table.Td>
                <Table.Td>
                  <Badge variant="light" color={a.counts.met === a.counts.inTarget ? 'green' : 'blue'}>
                    {t('iec62443.list.metOf', { met: a.counts.met + a.counts.notApplicable, total: a.counts.inTarget })}
                  </Badge>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {creating && <NewAssessmentModal onClose={() => setCreating(false)} />}
    </Stack>
  );
}

function NewAssessmentModal({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const name = useLocalName();
  const navigate = useNavigate();
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search, 250);
  const products = useProductOptions(q);
  const [productId, setProductId] = useState<string | null>(null);
  const [componentType, setType] = useState<string>('embedded_device');
  const [level, setLevel] = useState<number>(2);
  const create = useIecMutation((id: string) =>
    createAssessment(id, { componentType, slTarget: Object.fromEntries(FR_KEYS.map((k) => [k, level])) }),
  );
  return (
    <FormModal
      title={t('iec62443.newAssessment')}
      testId="iec62443-form"
      error={create.error}
      pending={create.isPending}
      onClose={onClose}
      onSubmit={() =>
        productId &&
        create.mutate(productId, { onSuccess: (a) => void navigate({ to: '/iec62443/$id', params: { id: a.productId } }) })
      }
    >
      <Select
        label={t('iec62443.fields.product')}
        searchable
        required
        data={(products.data?.items ?? []).map((p) => ({ value: p.id, label: `${p.code} ${name(p)}` }))}
        value={productId}
        onChange={setProductId}
        searchValue={search}
        onSearchChange={setSearch}
        filter={({ options }) => options}
        nothingFoundMessage={t('common.nothingFound')}
        data-testid="iec62443-product"
      />
      <Select
        label={t('iec62443.fields.componentType')}
        data={COMPONENT_TYPES.map((c) => ({ value: c, label: t(`iec62443.type.${c}`) }))}
        value={componentType}
        onChange={(v) => setType(v ?? 'embedded_device')}
        allowDeselect={false}
        error={fieldError(create.error, 'componentType')}
      />
      <NumberInput
        label={t('iec62443.form.level')}
        description={t('iec62443.form.levelHelp')}
        min={1}
        max={4}
        value={level}
        onChange={(v) => setLevel(Number(v) || 1)}
      />
    </FormModal>
  );
}
