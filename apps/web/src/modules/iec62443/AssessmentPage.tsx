import { Badge, Button, Checkbox, Group, Paper, SegmentedControl, Stack, Text, Title } from '@mantine/core';
import { useParams } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../app/useCan';
import { useLocalName } from '../../components/names';
import { ProblemAlert } from '../../components/problem';
import { Table } from '../../components/Table';
import { AnchorLink } from '../tara/AnchorLink';
import { exportUrl, FR_KEYS, STATUSES, useAssessment, useCatalog, type Assessment, type Catalog } from './api';
import { PracticesPanel } from './PracticesPanel';
import { RequirementCard } from './RequirementCard';
import { TargetModal } from './TargetModal';

type Filter = (typeof STATUSES)[number] | 'open' | 'all';

/** Target and achieved level per FR, with the requirements within the target by status. */
function LevelsTable({ a, catalog, lang }: { a: Assessment; catalog: Catalog; lang: 'ja' | 'en' }) {
  const { t } = useTranslation();
  return (
    <Table data-testid="iec62443-levels" minWidth={520}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t('iec62443.fields.fr')}</Table.Th>
          <Table.Th>{t('iec62443.fields.slTargetShort')}</Table.Th>
          <Table.Th>{t('iec62443.fields.slCapabilityShort')}</Table.Th>
          <Table.Th>{t('iec62443.fields.progress')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {a.byFr.map((f) => {
          const fr = catalog.foundationalRequirements.find((x) => x.fr === f.fr);
          return (
            <Table.Tr key={f.fr} data-testid="iec62443-fr-row">
              <Table.Td>
                <Text size="sm">
                  FR{f.fr} {fr?.[lang]}
                </Text>
              </Table.Td>
              <Table.Td>{f.target}</Table.Td>
              <Table.Td>
                <Badge color={f.capability >= f.target ? 'green' : 'orange'} variant="light" data-testid={`iec62443-slc-${f.fr}`}>
                  {f.capability}
                </Badge>
              </Table.Td>
              <Table.Td>
                <Text size="sm">
                  {t('iec62443.list.metOf', { met: f.met + f.notApplicable, total: f.inTarget })}
                  {f.partly + f.notMet > 0 && ` · ${t('iec62443.gaps', { count: f.partly + f.notMet })}`}
                  {f.open > 0 && ` · ${t('iec62443.openCount', { count: f.open })}`}
                </Text>
              </Table.Td>
            </Table.Tr>
          );
        })}
      </Table.Tbody>
    </Table>
  );
}

/** One product's IEC 62443 assessment: levels per FR, the 4-2 requirements grouped by FR with a status filter, 4-1 practices. */
export function AssessmentPage() {
  const { t, i18n } = useTranslation();
  const localName = useLocalName();
  const lang = i18n.language === 'en' ? 'en' : 'ja';
  const { id } = useParams({ from: '/app/iec62443/$id' });
  const canManage = useCan('products:manage');
  const q = useAssessment(id);
  const catalog = useCatalog();
  const [filter, setFilter] = useState<Filter>('all');
  const [withinTarget, setWithinTarget] = useState(true);
  const [editingTarget, setEditingTarget] = useState(false);
  if (q.error) return <ProblemAlert error={q.error} />;
  if (catalog.error) return <ProblemAlert error={catalog.error} />;
  const a = q.data;
  if (!a || !catalog.data) return null;
  const state = new Map(a.requirements.map((r) => [r.requirementId, r]));
  const visible = catalog.data.requirements.filter((r) => {
    if (!r.types.includes(a.componentType)) return false;
    if (withinTarget && r.sl > a.slTarget[FR_KEYS[r.fr - 1]!]) return false;
    const status = state.get(r.id)?.status ?? 'open';
    return filter === 'all' || filter === status;
  });
  return (
    <Stack data-testid="iec62443-page">
      <div>
        <Group gap="xs" wrap="wrap">
          <Title order={2} data-testid="iec62443-title">
            IEC 62443 — {a.productCode} {localName({ nameJa: a.productNameJa, nameEn: a.productNameEn })}
          </Title>
          <Badge variant="light">{t(`iec62443.type.${a.componentType}`)}</Badge>
        </Group>
        <AnchorLink to="/products/$id" params={{ id: a.productId }} search={{ release: undefined, tab: undefined }}>
          {t('iec62443.productPage')}
        </AnchorLink>
      </div>
      <Group gap="xs" wrap="wrap">
        {canManage && (
          <Button size="xs" onClick={() => setEditingTarget(true)} data-testid="iec62443-edit-target">
            {t('iec62443.editTarget')}
          </Button>
        )}
        <Button
          component="a"
          size="xs"
          variant="default"
          href={exportUrl(a.productId, i18n.language)}
          data-testid="iec62443-export"
        >
          {t('iec62443.export')}
        </Button>
      </Group>
      {a.note && (
        <Paper withBorder p="sm">
          <Text size="sm">{a.note}</Text>
        </Paper>
      )}
      <LevelsTable a={a} catalog={catalog.data} lang={lang} />
      <Text size="xs" c="dimmed">
        {t('iec62443.slcHelp')}
      </Text>

      <Title order={3}>{t('iec62443.requirements')}</Title>
      <Stack gap="xs">
        <SegmentedControl
          size="xs"
          data-testid="iec62443-filter"
          aria-label={t('iec62443.filterLabel')}
          value={filter}
          onChange={(v) => setFilter(v as Filter)}
          data={(['all', 'open', ...STATUSES] as const).map((s) => ({
            value: s,
            label: s === 'all' ? t('iec62443.all') : t(`iec62443.status.${s}`),
          }))}
          style={{ flexWrap: 'wrap' }}
        />
        <Checkbox
          size="xs"
          label={t('iec62443.withinTarget')}
          checked={withinTarget}
          onChange={(e) => setWithinTarget(e.currentTarget.checked)}
          data-testid="iec62443-within-target"
        />
      </Stack>
      {catalog.data.foundationalRequirements.map((fr) => {
        const rows = visible.filter((r) => r.fr === fr.fr);
        if (!rows.length) return null;
        const f = a.byFr[fr.fr - 1]!;
        return (
          <Stack key={fr.fr} gap="xs" data-testid={`iec62443-fr-${fr.fr}`}>
            <Title order={4}>
              FR{fr.fr} {fr[lang]} ({fr.code}) — SL-T {f.target} / SL-C {f.capability}
            </Title>
            {rows.map((r) => (
              <RequirementCard key={r.id} a={a} r={r} state={state.get(r.id)} canManage={canManage} lang={lang} />
            ))}
          </Stack>
        );
      })}
      {visible.length === 0 && (
        <Text size="sm" c="dimmed">
          {t('iec62443.noneMatch')}
        </Text>
      )}

      <Title order={3}>{t('iec62443.practices.title')}</Title>
      <PracticesPanel a={a} catalog={catalog.data} canManage={canManage} lang={lang} />
      {editingTarget && <TargetModal a={a} onClose={() => setEditingTarget(false)} />}
    </Stack>
  );
}
