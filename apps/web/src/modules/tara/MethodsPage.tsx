import { Button, Group, Loader, NumberInput, Paper, Select, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { useNavigate, useSearch } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../app/useCan';
import { formatDateTime, useLocalName } from '../../components/names';
import { ProblemAlert } from '../../components/problem';
import { Table } from '../../components/Table';
import { FEASIBILITIES, IMPACTS, type TaraMethod, useMethodChange, useTaraMethod, useTaraMethods } from './api';

/** The chosen version's tables: impact guidance, attack-potential factors and bands, the risk matrix. */
function Definition({ method }: { method: TaraMethod }) {
  const { t, i18n } = useTranslation();
  const localName = useLocalName();
  const lang = i18n.language === 'ja' ? 'ja' : 'en';
  const d = method.definition;
  const ratings = [...IMPACTS].reverse();
  return (
    <Stack>
      <Title order={3}>{t('taraPages.method.impacts')}</Title>
      <Table minWidth={800}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('taraPages.method.category')}</Table.Th>
            {ratings.map((r) => (
              <Table.Th key={r}>{t(`tara.impact.${r}`)}</Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {d.impactCategories.map((c) => (
            <Table.Tr key={c.code}>
              <Table.Td>{localName(c)}</Table.Td>
              {ratings.map((r) => (
                <Table.Td key={r}>{c.guidance[r][lang]}</Table.Td>
              ))}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Title order={3}>{t('taraPages.method.factors')}</Title>
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }}>
        {d.feasibility.factors.map((f) => (
          <Paper withBorder p="sm" key={f.code}>
            <Text fw={600} size="sm">
              {localName(f)}
            </Text>
            {f.levels.map((l) => (
              <Group key={l.code} justify="space-between">
                <Text size="sm">{localName(l)}</Text>
                <Text size="sm">{l.value}</Text>
              </Group>
            ))}
          </Paper>
        ))}
      </SimpleGrid>
      <Text size="sm" data-testid="tara-bands">
        {t('taraPages.method.bands', d.feasibility.bands)}
      </Text>
      <Title order={3}>{t('taraPages.method.matrix')}</Title>
      <Table minWidth={480}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('taraPages.fields.impact')}</Table.Th>
            {FEASIBILITIES.map((f) => (
              <Table.Th key={f}>{t(`tara.feasibility.${f}`)}</Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {ratings.map((r) => (
            <Table.Tr key={r}>
              <Table.Td>{t(`tara.impact.${r}`)}</Table.Td>
              {d.riskMatrix[r].map((v, i) => (
                <Table.Td key={i}>{v}</Table.Td>
              ))}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Text size="sm">{t('taraPages.method.threshold', { value: d.treatmentThreshold })}</Text>
      <Text size="xs" c="dimmed">
        {method.approvedAt
          ? t('taraPages.method.approvedAt', {
              at: formatDateTime(method.approvedAt, i18n.language),
              by: method.approvedBy ?? '—',
            })
          : t('taraPages.method.draft')}
      </Text>
    </Stack>
  );
}

/** The group's TARA method: its versions, the chosen one's tables, a new version from it and its approval. */
export function MethodsPage() {
  const { t } = useTranslation();
  const search = useSearch({ from: '/app/tara-methods' });
  const navigate = useNavigate({ from: '/tara-methods' });
  const canDraft = useCan('products:manage');
  const canApprove = useCan('tara-methods:approve');
  const versions = useTaraMethods();
  const chosen = search.version ?? versions.data?.items[0]?.version ?? null;
  const method = useTaraMethod(chosen);
  const change = useMethodChange();
  const [threshold, setThreshold] = useState<number | ''>('');
  const [note, setNote] = useState('');
  if (versions.isPending) return <Loader />;
  if (!versions.data) return <ProblemAlert error={versions.error} />;
  const m = method.data;
  return (
    <Stack data-testid="tara-methods-page">
      <Title order={2}>{t('taraPages.method.title')}</Title>
      <Text size="sm" c="dimmed">
        {t('taraPages.method.intro')}
      </Text>
      <Group align="flex-end" wrap="wrap">
        <Select
          label={t('taraPages.method.version')}
          allowDeselect={false}
          data={versions.data.items.map((v) => ({
            value: String(v.version),
            label: `v${v.version} · ${t(`taraPages.method.status.${v.status}`)}`,
          }))}
          value={chosen === null ? null : String(chosen)}
          onChange={(v) => void navigate({ search: { version: v ? Number(v) : undefined } })}
          data-testid="tara-method-version"
        />
        {m && (
          <Text fw={600} data-testid="tara-method-status">
            {t(`taraPages.method.status.${m.status}`)}
          </Text>
        )}
        {m && m.status === 'draft' && canApprove && (
          <Button
            onClick={() => change.mutate({ path: `/${m.version}/approve`, ifMatch: m.rowVersion })}
            data-testid="tara-method-approve"
          >
            {t('taraPages.method.approve')}
          </Button>
        )}
      </Group>
      {change.error ? <ProblemAlert error={change.error} /> : null}
      {m && canDraft && (
        <Paper withBorder p="sm">
          <form
            onSubmit={(e) => {
              e.preventDefault();
              const definition = threshold === '' ? undefined : { ...m.definition, treatmentThreshold: threshold };
              change.mutate(
                { path: '', json: { basedOnVersion: m.version, definition, note: note.trim() || undefined } },
                { onSuccess: (v) => void navigate({ search: { version: v.version } }) },
              );
            }}
          >
            <Group align="flex-end" wrap="wrap">
              <NumberInput
                label={t('taraPages.method.newThreshold')}
                min={1}
                max={5}
                value={threshold}
                onChange={(v) => setThreshold(v === '' ? '' : Number(v))}
              />
              <TextInput label={t('taraPages.method.note')} value={note} onChange={(e) => setNote(e.currentTarget.value)} />
              <Button type="submit" variant="light" data-testid="tara-method-new">
                {t('taraPages.method.newVersion', { version: m.version })}
              </Button>
            </Group>
          </form>
        </Paper>
      )}
      {method.isPending && chosen !== null ? <Loader /> : m ? <Definition method={m} /> : <ProblemAlert error={method.error} />}
    </Stack>
  );
}
