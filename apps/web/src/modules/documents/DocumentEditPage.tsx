import { Anchor, Badge, Button, Card, Group, Progress, Select, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { Link, useParams } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../components/names';
import { Table } from '../../components/Table';
import { notifySuccess, ProblemAlert } from '../../components/problem';
import {
  returnVersion,
  review,
  step,
  updateVersion,
  useAckMissing,
  useAckRates,
  useDocMutation,
  useDocument,
  useVersion,
  type DocumentDetail,
  type DocumentVersion,
} from './api';

const pct = (r: number | null) => (r === null ? '—' : `${Math.round(r * 100)}%`);

/** The open version's text (a draft is editable; other states read-only) and the workflow buttons. */
function VersionEditor({ doc, version }: { doc: DocumentDetail; version: DocumentVersion }) {
  const { t } = useTranslation();
  // the parent remounts this editor (key) whenever the version changes, so the form starts from the saved text
  const [form, setForm] = useState(() => ({
    titleJa: version.titleJa,
    titleEn: version.titleEn,
    bodyJa: version.bodyJa,
    bodyEn: version.bodyEn,
    changeSummary: version.changeSummary,
  }));
  const save = useDocMutation(updateVersion);
  const move = useDocMutation(step);
  const back = useDocMutation(returnVersion);
  const [reason, setReason] = useState('');
  const draft = version.status === 'draft' && doc.canManage;
  const field = (k: keyof typeof form) => ({
    value: form[k],
    readOnly: !draft,
    onChange: (e: { currentTarget: { value: string } }) => setForm({ ...form, [k]: e.currentTarget.value }),
  });
  const id = doc.id;
  const v = version.number;
  return (
    <Card withBorder data-testid="doc-editor">
      <Stack>
        <Group justify="space-between">
          <Title order={4}>{t('documents.versionN', { n: v })}</Title>
          <Badge data-testid="doc-version-status">{t(`documents.statuses.${version.status}`)}</Badge>
        </Group>
        {version.returnReason && <Text c="red">{t('documents.returned', { reason: version.returnReason })}</Text>}
        <TextInput label={t('documents.titleJa')} {...field('titleJa')} />
        <TextInput label={t('documents.titleEn')} {...field('titleEn')} />
        <Textarea
          label={t('documents.bodyJa')}
          autosize
          minRows={6}
          maxRows={20}
          {...field('bodyJa')}
          data-testid="doc-body-ja"
        />
        <Textarea label={t('documents.bodyEn')} autosize minRows={6} maxRows={20} {...field('bodyEn')} />
        <Textarea label={t('documents.changeSummary')} autosize minRows={2} {...field('changeSummary')} />
        <Text size="xs" c="dimmed">
          {t('documents.markdownHelp')}
        </Text>
        <ProblemAlert error={save.error ?? move.error ?? back.error} />
        <Group wrap="wrap">
          {draft && (
            <Button
              variant="light"
              loading={save.isPending}
              onClick={() =>
                save.mutate(
                  { id, v, body: form, version: version.rowVersion },
                  { onSuccess: () => notifySuccess(t('documents.saved')) },
                )
              }
              data-testid="doc-save"
            >
              {t('documents.save')}
            </Button>
          )}
          {draft && (
            <Button
              onClick={() => move.mutate({ id, v, action: 'submit', version: version.rowVersion })}
              data-testid="doc-submit"
            >
              {t('documents.submit')}
            </Button>
          )}
          {version.status === 'review' && doc.canApprove && (
            <>
              <Button
                color="green"
                onClick={() => move.mutate({ id, v, action: 'approve', version: version.rowVersion })}
                data-testid="doc-approve"
              >
                {t('documents.approve')}
              </Button>
              <TextInput
                placeholder={t('documents.returnReason')}
                aria-label={t('documents.returnReason')}
                value={reason}
                onChange={(e) => setReason(e.currentTarget.value)}
              />
              <Button color="red" variant="light" disabled={!reason} onClick={() => back.mutate({ id, v, reason })}>
                {t('documents.return')}
              </Button>
            </>
          )}
          {version.status === 'approved' && doc.canManage && (
            <Button
              color="green"
              onClick={() => move.mutate({ id, v, action: 'publish', version: version.rowVersion })}
              data-testid="doc-publish"
            >
              {t('documents.publish')}
            </Button>
          )}
        </Group>
      </Stack>
    </Card>
  );
}

function YearlyReview({ doc }: { doc: DocumentDetail }) {
  const { t } = useTranslation();
  const [outcome, setOutcome] = useState<'unchanged' | 'revise'>('unchanged');
  const [reason, setReason] = useState('');
  const run = useDocMutation(review);
  return (
    <Card withBorder>
      <Stack>
        <Title order={4}>{t('documents.yearlyReview')}</Title>
        <Text size="sm">
          {t('documents.reviewDueOn')}: {doc.reviewDueOn ?? '—'}
        </Text>
        <Select
          label={t('documents.outcome')}
          value={outcome}
          onChange={(v) => v && setOutcome(v as 'unchanged' | 'revise')}
          data={[
            { value: 'unchanged', label: t('documents.outcomes.unchanged') },
            { value: 'revise', label: t('documents.outcomes.revise') },
          ]}
          allowDeselect={false}
        />
        <Textarea label={t('documents.reviewReason')} value={reason} onChange={(e) => setReason(e.currentTarget.value)} />
        <ProblemAlert error={run.error} />
        <Group>
          <Button
            disabled={!reason}
            loading={run.isPending}
            onClick={() =>
              run.mutate({ id: doc.id, outcome, reason, version: doc.rowVersion }, { onSuccess: () => setReason('') })
            }
          >
            {t('documents.recordReview')}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}

function AckRatesCard({ id }: { id: string }) {
  const { t, i18n } = useTranslation();
  const rates = useAckRates(id, true);
  const [unit, setUnit] = useState<string | null>(null);
  const missing = useAckMissing(id, unit);
  const r = rates.data;
  if (!r || r.version === null) return null;
  return (
    <Card withBorder data-testid="doc-rates">
      <Stack>
        <Title order={4}>{t('documents.ackRates')}</Title>
        <Text>{t('documents.ackTotal', { acknowledged: r.acknowledged, people: r.people, rate: pct(r.rate) })}</Text>
        <Table minWidth={360} striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('documents.unit')}</Table.Th>
              <Table.Th>{t('documents.rate')}</Table.Th>
              <Table.Th>{t('documents.people')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {r.units.map((u) => (
              <Table.Tr key={u.unit.id} data-testid="doc-rate-row">
                <Table.Td>
                  <Anchor component="button" type="button" onClick={() => setUnit(u.unit.id)}>
                    {i18n.language === 'ja' ? u.unit.name.ja : u.unit.name.en}
                  </Anchor>
                </Table.Td>
                <Table.Td style={{ minWidth: 120 }}>
                  <Group gap="xs" wrap="nowrap">
                    <Progress value={(u.rate ?? 0) * 100} w={60} aria-label={pct(u.rate)} />
                    <Text size="sm">{pct(u.rate)}</Text>
                  </Group>
                </Table.Td>
                <Table.Td>
                  {u.acknowledged} / {u.people}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        {unit && (
          <Stack gap="xs" data-testid="doc-missing">
            <Text fw={600}>{t('documents.notYet')}</Text>
            {(missing.data?.items ?? []).map((p) => (
              <Text key={p.personId} size="sm">
                {p.employeeNo} {i18n.language === 'ja' ? p.name.ja : p.name.en}
              </Text>
            ))}
            {missing.data?.items.length === 0 && <Text size="sm">{t('documents.everyoneAcked')}</Text>}
          </Stack>
        )}
      </Stack>
    </Card>
  );
}

/** The offices' editor: versions, the open version's text and workflow, the yearly review, acknowledgement rates. */
export function DocumentEditPage() {
  const { id } = useParams({ strict: false }) as { id: string };
  const { t, i18n } = useTranslation();
  const doc = useDocument(id);
  const d = doc.data;
  const open = d?.versions.find((v) => ['draft', 'review', 'approved'].includes(v.status)) ?? null;
  const version = useVersion(id, open?.number ?? null);
  return (
    <Stack>
      <ProblemAlert error={doc.error} />
      {d && (
        <>
          <Title order={2}>{i18n.language === 'ja' ? d.title.ja : d.title.en}</Title>
          <Group gap="md" wrap="wrap">
            <Text size="sm" c="dimmed">
              {d.key}
            </Text>
            {d.publishedVersion && (
              <Anchor component={Link} to={`/documents/${id}`}>
                {t('documents.readPublished')}
              </Anchor>
            )}
          </Group>
          {version.data && (
            <VersionEditor key={`${version.data.number}-${version.data.rowVersion}`} doc={d} version={version.data} />
          )}
          {d.canManage && d.publishedVersion && !open && <YearlyReview doc={d} />}
          <Card withBorder>
            <Title order={4}>{t('documents.versions')}</Title>
            <Table minWidth={360}>
              <Table.Tbody>
                {d.versions.map((v) => (
                  <Table.Tr key={v.number}>
                    <Table.Td>{t('documents.versionN', { n: v.number })}</Table.Td>
                    <Table.Td>{t(`documents.statuses.${v.status}`)}</Table.Td>
                    <Table.Td>{formatDateTime(v.publishedAt ?? v.approvedAt ?? v.createdAt, i18n.language)}</Table.Td>
                    <Table.Td>{v.changeSummary}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Card>
          {d.requiresAck && <AckRatesCard id={id} />}
        </>
      )}
    </Stack>
  );
}
