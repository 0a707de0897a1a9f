import { Anchor, Badge, Group, SegmentedControl, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../app/useCan';
import { LoadMore } from '../../components/LoadMore';
import { useLocalName } from '../../components/names';
import { ProblemAlert } from '../../components/problem';
import { Table } from '../../components/Table';
import { useCoverage, useSystems } from './api';
import { KINDS } from './parts';

/** The XLSX export of the list as filtered, in the reader's language. */
function exportHref(lang: string, kind: string | null, gaps: boolean, q: string): string {
  const params = new URLSearchParams({ lang: lang === 'ja' ? 'ja' : 'en' });
  if (kind) params.set('kind', kind);
  if (gaps) params.set('gaps', 'true');
  if (q) params.set('q', q);
  return `/api/systems/export.xlsx?${params.toString()}`;
}

/** Coverage per site or unit, then the systems in scope with their open gaps. */
export function SystemsPage() {
  const { t, i18n } = useTranslation();
  const name = useLocalName();
  const canImport = useCan('coverage:import');
  const [by, setBy] = useState<'unit' | 'site'>('site');
  const [kind, setKind] = useState<string | null>(null);
  const [gaps, setGaps] = useState(false);
  const [q, setQ] = useState('');
  const coverage = useCoverage(by);
  const list = useSystems({ kind: kind ?? undefined, gaps: gaps ? 'true' : undefined, q: q || undefined });
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>{t('systemPages.title')}</Title>
        <Group gap="md">
          <Anchor href={exportHref(i18n.language, kind, gaps, q)} data-testid="systems-export">
            {t('systemPages.exportXlsx')}
          </Anchor>
          {canImport && (
            <Anchor component={Link} to="/coverage/import" data-testid="coverage-import-link">
              {t('systemPages.importLink')}
            </Anchor>
          )}
        </Group>
      </Group>
      <Text size="sm">{t('systemPages.intro')}</Text>
      <Title order={3}>{t('systemPages.coverage.title')}</Title>
      <SegmentedControl
        value={by}
        onChange={(v) => setBy(v as 'unit' | 'site')}
        data={[
          { value: 'site', label: t('systemPages.coverage.bySite') },
          { value: 'unit', label: t('systemPages.coverage.byUnit') },
        ]}
        style={{ alignSelf: 'flex-start' }}
      />
      <ProblemAlert error={coverage.error} />
      <Table striped data-testid="coverage-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t(by === 'site' ? 'systemPages.coverage.site' : 'systemPages.coverage.unit')}</Table.Th>
            <Table.Th>{t('systemPages.coverage.devices')}</Table.Th>
            <Table.Th>{t('systemPages.gap.no_edr')}</Table.Th>
            <Table.Th>{t('systemPages.gap.stale_pattern')}</Table.Th>
            <Table.Th>{t('systemPages.gap.not_seen')}</Table.Th>
            <Table.Th>{t('systemPages.coverage.systems')}</Table.Th>
            <Table.Th>{t('systemPages.gap.no_mfa')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {(coverage.data ?? []).map((r) => (
            <Table.Tr key={r.unit.id}>
              <Table.Td>{name(r.unit)}</Table.Td>
              <Table.Td>{r.devices}</Table.Td>
              <Table.Td>{r.withoutEdr}</Table.Td>
              <Table.Td>{r.stalePattern}</Table.Td>
              <Table.Td>{r.notSeen}</Table.Td>
              <Table.Td>{r.systems}</Table.Td>
              <Table.Td>{r.confidentialWithoutMfa}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {coverage.isSuccess && coverage.data.length === 0 && <Text c="dimmed">{t('systemPages.coverage.none')}</Text>}

      <Title order={3}>{t('systemPages.list.title')}</Title>
      <Group align="end" wrap="wrap">
        <TextInput label={t('systemPages.list.search')} value={q} onChange={(e) => setQ(e.currentTarget.value)} />
        <Select
          label={t('systemPages.field.kind')}
          clearable
          value={kind}
          onChange={setKind}
          data={KINDS.map((k) => ({ value: k, label: t(`systemPages.kind.${k}`) }))}
        />
        <SegmentedControl
          value={gaps ? 'gaps' : 'all'}
          onChange={(v) => setGaps(v === 'gaps')}
          aria-label={t('systemPages.list.gapsOnly')}
          data={[
            { value: 'all', label: t('systemPages.list.all') },
            { value: 'gaps', label: t('systemPages.list.gapsOnly') },
          ]}
        />
      </Group>
      <ProblemAlert error={list.error} />
      <Stack gap="xs" data-testid="systems-list">
        {list.items.map((s) => (
          <Group key={s.id} justify="space-between" wrap="wrap" gap="xs" data-testid="system-row">
            <Stack gap={0}>
              <Anchor component={Link} to={`/systems/${s.id}`} data-testid="system-link">
                {s.name}
              </Anchor>
              <Text size="xs" c="dimmed">
                {t(`systemPages.kind.${s.kind}`)} · {name(s.unit)}
              </Text>
            </Stack>
            <Group gap={4}>
              {s.status === 'retired' && <Badge color="gray.7">{t('systemPages.retired')}</Badge>}
              {s.openFindings > 0 && (
                <Badge color="red.9" variant="outline">
                  {t('systemPages.list.gaps', { count: s.openFindings })}
                </Badge>
              )}
            </Group>
          </Group>
        ))}
      </Stack>
      {list.isSuccess && list.items.length === 0 && <Text c="dimmed">{t('systemPages.list.none')}</Text>}
      <LoadMore shown={list.items.length} hasMore={list.hasNextPage} loading={list.isFetchingNextPage} onMore={list.loadMore} />
    </Stack>
  );
}
