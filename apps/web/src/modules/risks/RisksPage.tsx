import { Anchor, Button, Group, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { RISK_STATUSES, TREATMENTS } from '@mamori/contracts';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../app/useCan';
import { LoadMore } from '../../components/LoadMore';
import { useLocalName } from '../../components/names';
import { ProblemAlert } from '../../components/problem';
import { Table } from '../../components/Table';
import { OrgUnitSelect } from '../org/OrgUnitSelect';
import { exportUrl, type Filters, useMethod, useRisks, useThreats } from './api';
import { HeatmapPanel } from './HeatmapPanel';
import { LevelBadge } from './LevelBadge';

/** The register in the reader's scope with its heat map; a cell of the map filters the list. */
export function RisksPage() {
  const { t, i18n } = useTranslation();
  const name = useLocalName();
  const canManage = useCan('risks:manage');
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search, 300);
  const [unitId, setUnitId] = useState<string | null>(null);
  const [level, setLevel] = useState<string | null>(null);
  const [treatment, setTreatment] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [threat, setThreat] = useState<string | null>(null);
  const [basis, setBasis] = useState<'inherent' | 'residual'>('residual');
  const [cell, setCell] = useState<{ likelihood: number; impact: number } | null>(null);
  const method = useMethod(unitId);
  const threats = useThreats();
  const filters: Filters = {
    q: q || undefined,
    unitId: unitId ?? undefined,
    level: level ?? undefined,
    treatment: treatment ?? undefined,
    status: status ?? undefined,
    threat: threat ?? undefined,
    basis,
    likelihood: cell ? String(cell.likelihood) : undefined,
    impact: cell ? String(cell.impact) : undefined,
  };
  const list = useRisks(filters);
  const threatName = (id: string) => {
    const th = threats.data?.threats.find((x) => x.id === id);
    return th ? name({ nameJa: th.nameJa, nameEn: th.nameEn }) : id;
  };

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>{t('risks.title')}</Title>
        <Group>
          <Button component="a" href={exportUrl(filters, i18n.language)} variant="default" data-testid="risks-export">
            {t('risks.export')}
          </Button>
          {canManage && (
            <Button component={Link} to="/risks/new" data-testid="risks-new">
              {t('risks.new')}
            </Button>
          )}
        </Group>
      </Group>
      <HeatmapPanel
        basis={basis}
        onBasis={setBasis}
        unitId={unitId ?? undefined}
        selected={cell}
        onSelect={(c) => setCell(cell?.likelihood === c.likelihood && cell.impact === c.impact ? null : c)}
      />
      {cell && (
        <Group>
          <Text size="sm" data-testid="risks-cell-filter">
            {t('risks.heatmap.filtered', { likelihood: cell.likelihood, impact: cell.impact })}
          </Text>
          <Button size="xs" variant="default" onClick={() => setCell(null)}>
            {t('risks.heatmap.clear')}
          </Button>
        </Group>
      )}
      <Group align="flex-end" wrap="wrap">
        <TextInput
          label={t('common.search')}
          placeholder={t('risks.searchPlaceholder')}
          value={search}
          onChange={(e) => setSearch(e.currentTarget.value)}
          data-testid="risks-search"
        />
        <OrgUnitSelect label={t('risks.field.unit')} clearable value={unitId} onChange={setUnitId} testId="risks-unit-filter" />
        <Select
          label={t('risks.field.residualLevel')}
          clearable
          placeholder={t('common.all')}
          value={level}
          onChange={setLevel}
          data={(method.data?.value.levels ?? []).map((l) => ({
            value: l.code,
            label: name({ nameJa: l.labelJa, nameEn: l.labelEn }),
          }))}
          w={150}
        />
        <Select
          label={t('risks.field.treatment')}
          clearable
          placeholder={t('common.all')}
          value={treatment}
          onChange={setTreatment}
          data={TREATMENTS.map((x) => ({ value: x, label: t(`risks.treatment.${x}`) }))}
          w={130}
        />
        <Select
          label={t('risks.field.status')}
          clearable
          placeholder={t('common.all')}
          value={status}
          onChange={setStatus}
          data={[...RISK_STATUSES, 'accepted', 'overdue'].map((x) => ({ value: x, label: t(`risks.status.${x}`) }))}
          w={140}
          data-testid="risks-status-filter"
        />
        <Select
          label={t('risks.field.threat')}
          clearable
          searchable
          placeholder={t('common.all')}
          value={threat}
          onChange={setThreat}
          data={(threats.data?.threats ?? []).map((x) => ({ value: x.id, label: name({ nameJa: x.nameJa, nameEn: x.nameEn }) }))}
          w={220}
        />
      </Group>
      <ProblemAlert error={list.error} />
      <Table striped highlightOnHover data-testid="risks-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('risks.field.title')}</Table.Th>
            <Table.Th>{t('risks.field.unit')}</Table.Th>
            <Table.Th>{t('risks.field.threat')}</Table.Th>
            <Table.Th>{t('risks.field.inherentLevel')}</Table.Th>
            <Table.Th>{t('risks.field.residualLevel')}</Table.Th>
            <Table.Th>{t('risks.field.treatment')}</Table.Th>
            <Table.Th>{t('risks.field.status')}</Table.Th>
            <Table.Th>{t('risks.field.owner')}</Table.Th>
            <Table.Th>{t('risks.field.dueDate')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {list.items.map((r) => (
            <Table.Tr key={r.id} data-testid="risk-row">
              <Table.Td>
                <Anchor component={Link} to={`/risks/${r.id}`} data-testid="risk-link">
                  {r.title}
                </Anchor>
              </Table.Td>
              <Table.Td>{name({ nameJa: r.unitNameJa, nameEn: r.unitName })}</Table.Td>
              <Table.Td>{threatName(r.threatId)}</Table.Td>
              <Table.Td>
                <LevelBadge level={r.inherentLevel} />
              </Table.Td>
              <Table.Td>
                <LevelBadge level={r.residualLevel} />
              </Table.Td>
              <Table.Td>{t(`risks.treatment.${r.treatment}`)}</Table.Td>
              <Table.Td>
                {t(`risks.status.${r.status}`)}
                {r.acceptedAt && ` · ${t('risks.status.accepted')}`}
              </Table.Td>
              <Table.Td>{name({ nameJa: r.ownerNameJa, nameEn: r.ownerName })}</Table.Td>
              <Table.Td>{r.dueDate}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {list.isSuccess && list.items.length === 0 && <Text c="dimmed">{t('risks.none')}</Text>}
      <LoadMore
        shown={list.items.length}
        total={list.total}
        hasMore={list.hasNextPage}
        loading={list.isFetchingNextPage}
        onMore={list.loadMore}
      />
    </Stack>
  );
}
