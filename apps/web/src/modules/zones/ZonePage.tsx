import { Anchor, Badge, Button, FileButton, Group, Loader, Paper, Select, Stack, Text, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { Link, useParams } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LoadMore } from '../../components/LoadMore';
import { formatDateTime, useLocalName } from '../../components/names';
import { notifySuccess, ProblemAlert } from '../../components/problem';
import { Table } from '../../components/Table';
import { useAssetSearch, useBringIns, useImportVisits, usePlaceAsset, useVisits, useZone, useZoneAssets, type Zone } from './api';
import { EntryEditor } from './EntryEditor';
import { BringInStateBadge, KIND_COLOR } from './parts';

function Rules({ z }: { z: Zone }) {
  const { t } = useTranslation();
  const name = useLocalName();
  const [editing, setEditing] = useState(false);
  const row = (label: string, value: React.ReactNode) => (
    <Group gap="xs" wrap="nowrap" align="flex-start">
      <Text size="sm" c="dimmed" w={130} style={{ flexShrink: 0 }}>
        {label}
      </Text>
      <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
        {value}
      </Text>
    </Group>
  );
  return (
    <Paper withBorder p="sm" data-testid="zone-rules">
      <Stack gap={6}>
        {row(t('zonePages.field.site'), name({ nameJa: z.siteNameJa, nameEn: z.siteNameEn }))}
        {row(t('zonePages.field.maxClass'), z.maxClassCode)}
        {row(t('zonePages.field.owner'), name(z.owner))}
        {row(
          t('zonePages.field.entry'),
          [
            z.entryAll ? t('zonePages.entry.all') : null,
            ...z.entryRoles.map((r) => t(`enum.role.${r}`, { defaultValue: r })),
            ...z.entryPeople.map((p) => name(p)),
          ]
            .filter(Boolean)
            .join('、') || '—',
        )}
        {row(t('zonePages.field.methods'), z.entryMethods.map((m) => t(`zonePages.method.${m}`)).join(' / '))}
        {row(t('zonePages.field.cameras'), z.cameras ? t('zonePages.yes') : t('zonePages.no'))}
        {row(t('zonePages.field.retention'), t('zonePages.days', { count: z.retentionDays }))}
        {z.can.manage && (
          <Group justify="flex-end">
            <Button size="xs" variant="light" onClick={() => setEditing(true)} data-testid="zone-entry-edit">
              {t('zonePages.entryEdit.open')}
            </Button>
          </Group>
        )}
      </Stack>
      {editing && <EntryEditor zone={z} onClose={() => setEditing(false)} />}
    </Paper>
  );
}

function Assets({ z }: { z: Zone }) {
  const { t } = useTranslation();
  const list = useZoneAssets(z.id);
  const place = usePlaceAsset(z.id);
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search, 300);
  const found = useAssetSearch(q);
  return (
    <Paper withBorder p="sm">
      <Title order={4}>{t('zonePages.assets.title')}</Title>
      <Text size="xs" c="dimmed">
        {t('zonePages.assets.takeOutNote')}{' '}
        <Anchor component={Link} to="/take-outs/new" size="xs" underline="always">
          {t('zonePages.assets.takeOut')}
        </Anchor>
      </Text>
      <Stack gap={4} mt="xs" data-testid="zone-assets">
        {list.data?.map((a) => (
          <Group key={a.assetId} justify="space-between" wrap="nowrap">
            <Anchor component={Link} to={`/assets/${a.assetId}`} size="sm">
              {a.name} <Badge variant="light">{a.classCode}</Badge>
            </Anchor>
            {z.can.manage && (
              <Button
                size="compact-xs"
                variant="subtle"
                color="red"
                onClick={() => place.mutate({ assetId: a.assetId, remove: true })}
              >
                {t('zonePages.assets.remove')}
              </Button>
            )}
          </Group>
        ))}
        {list.data?.length === 0 && <Text c="dimmed">{t('zonePages.assets.none')}</Text>}
      </Stack>
      {z.can.manage && (
        <Stack gap="xs" mt="sm">
          <Select
            label={t('zonePages.assets.add')}
            searchable
            searchValue={search}
            onSearchChange={setSearch}
            data={(found.data?.items ?? []).map((a) => ({ value: a.id, label: `${a.name} (${a.classCode})` }))}
            value={null}
            onChange={(v) => v && place.mutate({ assetId: v }, { onSuccess: () => notifySuccess(t('zonePages.saved')) })}
            data-testid="zone-asset-pick"
          />
          <ProblemAlert error={place.error} />
        </Stack>
      )}
    </Paper>
  );
}

function Visits({ z }: { z: Zone }) {
  const { t, i18n } = useTranslation();
  const list = useVisits(z.id, z.can.visitors);
  const imp = useImportVisits(z.id);
  if (!z.can.visitors) return null;
  return (
    <Paper withBorder p="sm">
      <Group justify="space-between">
        <Title order={4}>{t('zonePages.visits.title')}</Title>
        <FileButton
          accept=".csv,text/csv"
          onChange={(f) =>
            f && imp.mutate(f, { onSuccess: (r) => notifySuccess(t('zonePages.visits.imported', { count: r.created })) })
          }
        >
          {(props) => (
            <Button size="xs" variant="light" loading={imp.isPending} {...props} data-testid="visits-import">
              {t('zonePages.visits.import')}
            </Button>
          )}
        </FileButton>
      </Group>
      <Text size="xs" c="dimmed">
        {t('zonePages.visits.columns')}
      </Text>
      <ProblemAlert error={imp.error} />
      <ProblemAlert error={list.error} />
      <Table striped minWidth={520} data-testid="visits-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('zonePages.visits.who')}</Table.Th>
            <Table.Th>{t('zonePages.visits.host')}</Table.Th>
            <Table.Th>{t('zonePages.visits.in')}</Table.Th>
            <Table.Th>{t('zonePages.visits.out')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {list.items.map((v) => (
            <Table.Tr key={v.id}>
              <Table.Td>
                {v.visitorName}
                {v.visitorCompany && (
                  <Text size="xs" c="dimmed">
                    {v.visitorCompany}
                  </Text>
                )}
                {v.finding && (
                  <Badge color="red" variant="light">
                    {t(`zonePages.findings.${v.finding}`)}
                  </Badge>
                )}
              </Table.Td>
              <Table.Td>{v.hostName ?? '—'}</Table.Td>
              <Table.Td>{formatDateTime(v.enteredAt, i18n.language)}</Table.Td>
              <Table.Td>{v.leftAt ? formatDateTime(v.leftAt, i18n.language) : '—'}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <LoadMore shown={list.items.length} hasMore={list.hasNextPage} loading={list.isFetchingNextPage} onMore={list.loadMore} />
    </Paper>
  );
}

function BringIns({ z }: { z: Zone }) {
  const { t } = useTranslation();
  const list = useBringIns('all', z.id);
  return (
    <Paper withBorder p="sm">
      <Group justify="space-between">
        <Title order={4}>{t('zonePages.bringIns.title')}</Title>
        <Button size="xs" component={Link} to="/bring-ins/new" search={{ zoneId: z.id } as never}>
          {t('zonePages.bringIns.new')}
        </Button>
      </Group>
      <Stack gap={4} mt="xs">
        {list.items.map((b) => (
          <Group key={b.id} gap="xs" wrap="wrap">
            <BringInStateBadge state={b.state} />
            <Anchor component={Link} to={`/bring-ins/${b.id}`} size="sm">
              {b.bringerName} — {t(`zonePages.device.${b.device}`)}
            </Anchor>
            <Text size="xs" c="dimmed">
              {b.periodFrom} – {b.periodTo}
            </Text>
          </Group>
        ))}
        {list.isSuccess && !list.items.length && <Text c="dimmed">{t('zonePages.bringIns.none')}</Text>}
      </Stack>
    </Paper>
  );
}

/** One zone: its rules, the assets kept there, its bring-ins and (for the offices) its visitor log. */
export function ZonePage() {
  const { id } = useParams({ from: '/app/zones/$id' });
  const { t } = useTranslation();
  const name = useLocalName();
  const q = useZone(id);
  if (q.isLoading) return <Loader />;
  if (!q.data) return <ProblemAlert error={q.error} />;
  const z = q.data;
  return (
    <Stack maw={900}>
      <Group gap="xs">
        <Badge color={KIND_COLOR[z.kind]} variant="light">
          {t(`zonePages.kind.${z.kind}`)}
        </Badge>
        <Title order={2}>{name(z)}</Title>
      </Group>
      <Rules z={z} />
      <Assets z={z} />
      <BringIns z={z} />
      <Visits z={z} />
    </Stack>
  );
}
