import { Anchor, Badge, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useParams } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../app/useCan';
import { useLocalName } from '../../components/names';
import { ProblemAlert } from '../../components/problem';
import { AnchorLink } from '../products/AnchorLink';
import { Table } from '../../components/Table';
import { SeverityBadge } from '../products/badges';
import { useTestPlan } from './api';
import { SlaAge, TestFindingStatusBadge } from './badges';
import { FindingActions } from './FindingActions';
import { SarifUpload } from './SarifUpload';
import { ShipGatePanel } from './ShipGatePanel';

const today = () => new Date().toISOString().slice(0, 10);

/** A release's test plan: what it covers, its runs, its findings (de-duplicated across runs) and the release's ship gate. */
export function TestPlanPage() {
  const { t } = useTranslation();
  const localName = useLocalName();
  const { id } = useParams({ from: '/app/test-plans/$id' });
  const canManage = useCan('products:manage');
  const plan = useTestPlan(id);
  if (plan.error) return <ProblemAlert error={plan.error} />;
  const p = plan.data;
  if (!p) return null;
  return (
    <Stack>
      <div>
        <Title order={2} data-testid="test-plan-title">
          {p.title}
        </Title>
        <AnchorLink to="/products/$id" params={{ id: p.productId }} search={{ release: p.releaseId, tab: undefined }}>
          {p.productCode} {localName({ nameJa: p.productNameJa, nameEn: p.productNameEn })} {p.releaseVersion}
        </AnchorLink>
      </div>
      <Paper withBorder p="sm">
        <Stack gap={4}>
          {p.scope && <Text size="sm">{p.scope}</Text>}
          <Group gap={6} wrap="wrap">
            {p.depthKind && <Badge variant="outline">{t(`testing.depth.${p.depthKind}`, { level: p.depthLevel ?? '' })}</Badge>}
            {p.methods.map((m) => (
              <Badge key={m} variant="light">
                {t(`testing.method.${m}`)}
              </Badge>
            ))}
            {p.interfaces.map((i) => (
              <Badge key={i} variant="light" color="cyan">
                {i}
              </Badge>
            ))}
          </Group>
          <Text size="sm">
            {t('testing.fields.independence')}: {t(`testing.independence.${p.testerIndependence}`)}
            {p.testerName ? ` (${p.testerName})` : ''}
          </Text>
          {p.authorisation && (
            <Text size="sm">
              {t('testing.fields.authorisation')}: {p.authorisation}
            </Text>
          )}
        </Stack>
      </Paper>
      <ShipGatePanel productId={p.productId} releaseId={p.releaseId} />
      <Title order={3}>{t('testing.findings.title')}</Title>
      {p.findings.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('testing.findings.none')}
        </Text>
      ) : (
        <Table data-testid="test-findings" minWidth={760}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('testing.fields.finding')}</Table.Th>
              <Table.Th w={100}>{t('testing.fields.severity')}</Table.Th>
              <Table.Th w={150}>{t('testing.fields.status')}</Table.Th>
              <Table.Th w={130}>{t('testing.fields.seen')}</Table.Th>
              {canManage && <Table.Th />}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {p.findings.map((f) => (
              <Table.Tr key={f.id} id={`finding-${f.id}`} data-testid="test-finding" data-rule={f.ruleId}>
                <Table.Td>
                  <Text size="sm" fw={500}>
                    {f.ruleId}
                  </Text>
                  <Text size="xs">{f.message}</Text>
                  {f.uri && (
                    <Text size="xs" c="dimmed">
                      {f.uri}
                      {f.startLine ? `:${f.startLine}` : ''}
                    </Text>
                  )}
                  {f.acceptanceReason && (
                    <Text size="xs" c="grape.9" data-testid="test-finding-acceptance">
                      {t('testing.findings.acceptance', {
                        reason: f.acceptanceReason,
                        until: f.acceptedUntil ?? '',
                        by: f.acceptanceApprovedBy ?? f.acceptanceRequestedBy ?? '',
                      })}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  <SeverityBadge severity={f.severity} />
                </Table.Td>
                <Table.Td>
                  <TestFindingStatusBadge finding={f} />
                </Table.Td>
                <Table.Td>
                  <Text size="xs">
                    {f.firstSeenOn} – {f.lastSeenOn}
                  </Text>
                  <SlaAge finding={f} today={today()} />
                </Table.Td>
                {canManage && (
                  <Table.Td>
                    <FindingActions finding={f} />
                  </Table.Td>
                )}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <Title order={3}>{t('testing.runs.title')}</Title>
      {canManage && <SarifUpload plan={p} />}
      <Table data-testid="test-runs-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('testing.fields.performedOn')}</Table.Th>
            <Table.Th>{t('testing.fields.method')}</Table.Th>
            <Table.Th>{t('testing.fields.tool')}</Table.Th>
            <Table.Th>{t('testing.fields.results')}</Table.Th>
            <Table.Th>SHA-256</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {p.runs.map((r) => (
            <Table.Tr key={r.id} data-testid="test-run-row">
              <Table.Td>{r.performedOn}</Table.Td>
              <Table.Td>
                {t(`testing.method.${r.method}`)}
                {r.interface ? ` (${r.interface})` : ''}
                {r.retest && (
                  <Badge ml={4} size="xs" variant="outline">
                    {t('testing.runs.retestBadge')}
                  </Badge>
                )}
              </Table.Td>
              <Table.Td>{r.tool ?? t(`testing.source.${r.source}`)}</Table.Td>
              <Table.Td>{r.results}</Table.Td>
              <Table.Td>
                <Text size="xs" ff="monospace">
                  {r.fileSha256 ? r.fileSha256.slice(0, 16) + '…' : '—'}
                </Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {p.cases.length > 0 && (
        <>
          <Title order={3}>{t('testing.cases.title')}</Title>
          <Table data-testid="test-cases">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('testing.fields.case')}</Table.Th>
                <Table.Th>{t('testing.fields.method')}</Table.Th>
                <Table.Th>{t('testing.fields.trace')}</Table.Th>
                <Table.Th>{t('testing.fields.outcome')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {p.cases.map((c) => (
                <Table.Tr key={c.id}>
                  <Table.Td>{c.title}</Table.Td>
                  <Table.Td>{t(`testing.method.${c.method}`)}</Table.Td>
                  <Table.Td>{[c.goalRef, c.requirementRef, c.attackPathRef].filter(Boolean).join(' / ') || '—'}</Table.Td>
                  <Table.Td>{c.lastOutcome ? t(`testing.outcome.${c.lastOutcome}`) : '—'}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </>
      )}
      {p.evidence.length > 0 && (
        <>
          <Title order={3}>{t('testing.evidence.title')}</Title>
          <Stack gap={2}>
            {p.evidence.map((e) => (
              <Text size="sm" key={e.id}>
                <Anchor href={`/api/test-plans/${p.id}/evidence/${e.id}`}>{e.name}</Anchor>{' '}
                <Text span size="xs" c="dimmed" ff="monospace">
                  SHA-256 {e.sha256.slice(0, 16)}…
                </Text>
              </Text>
            ))}
          </Stack>
        </>
      )}
    </Stack>
  );
}
