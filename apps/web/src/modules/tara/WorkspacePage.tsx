import { Badge, Group, Loader, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useParams } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { AnchorLink } from './AnchorLink';
import { useCan } from '../../app/useCan';
import { formatDateTime, useLocalName } from '../../components/names';
import { ProblemAlert } from '../../components/problem';
import { useTaraAnalysis } from './api';
import { AttackTrees } from './AttackTrees';
import { AssetsTable, DamagesTable } from './ItemTables';
import { RisksTable } from './RisksTable';
import { ThreatsTable } from './ThreatsTable';
import { ExportButtons } from './ExportButtons';
import { R155Panel } from './R155Panel';
import { ReviewPanel } from './ReviewPanel';

/**
 * The TARA workspace of one item: its definition, assets, damage scenarios, threat scenarios, attack trees and
 * risks. Feasibility and risk values are shown as the server derives them; every change is sent with the version
 * shown (If-Match), so a change made meanwhile by someone else is refused rather than overwritten.
 */
export function WorkspacePage() {
  const { t, i18n } = useTranslation();
  const { id } = useParams({ from: '/app/tara-analyses/$id' });
  const canManage = useCan('products:manage');
  const localName = useLocalName();
  const q = useTaraAnalysis(id);
  if (q.isPending) return <Loader />;
  if (!q.data) return <ProblemAlert error={q.error} />;
  const a = q.data;
  const item: [string, string | null][] = [
    ['boundary', a.boundary],
    ['functions', a.functions],
    ['environment', a.environment],
    ['assumptions', a.assumptions],
  ];
  return (
    <Stack data-testid="tara-workspace">
      <AnchorLink to="/products/$id" params={{ id: a.productId }} search={{ release: undefined, tab: undefined }}>
        ← {a.productCode} {localName({ nameJa: a.productNameJa, nameEn: a.productNameEn })}
      </AnchorLink>
      <Group justify="space-between" align="flex-start">
        <Title order={2} data-testid="tara-title">
          {a.title}
        </Title>
        <Group gap="xs">
          <AnchorLink to="/tara-methods" search={{ version: a.methodVersion }}>
            {t('taraPages.methodVersion', { version: a.methodVersion })}
          </AnchorLink>
          {a.releaseVersion && <Badge variant="outline">{a.releaseVersion}</Badge>}
        </Group>
      </Group>
      <ExportButtons id={a.id} />
      <Paper withBorder p="md">
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          {item.map(([k, v]) => (
            <Stack gap={2} key={k}>
              <Text size="xs" c="dimmed">
                {t(`taraPages.item.${k}`)}
              </Text>
              <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                {v ?? '—'}
              </Text>
            </Stack>
          ))}
          <Stack gap={2}>
            <Text size="xs" c="dimmed">
              {t('taraPages.item.riskOwner')}
            </Text>
            <Text>{a.riskOwner ? `${a.riskOwner.name} (${a.riskOwner.email})` : '—'}</Text>
          </Stack>
          <Stack gap={2}>
            <Text size="xs" c="dimmed">
              {t('taraPages.item.updatedAt')}
            </Text>
            <Text>{formatDateTime(a.updatedAt, i18n.language)}</Text>
          </Stack>
        </SimpleGrid>
      </Paper>
      <ReviewPanel analysis={a} canManage={canManage} />
      <AssetsTable analysis={a} canManage={canManage} />
      <DamagesTable analysis={a} canManage={canManage} />
      <ThreatsTable analysis={a} canManage={canManage} />
      <AttackTrees analysis={a} canManage={canManage} />
      <RisksTable analysis={a} canManage={canManage} />
      <R155Panel analysis={a} canManage={canManage} />
    </Stack>
  );
}
