import { Alert, Button, Group, List, Select, Stack, Tabs, Text, TextInput, Title } from '@mantine/core';
import { useParams } from '@tanstack/react-router';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, buildUrl } from '../../api/client';
import { useCan } from '../../app/useCan';
import { formatDateTime } from '../../components/names';
import { notifySuccess, ProblemAlert } from '../../components/problem';
import {
  newVersion,
  returnVersion,
  step,
  updateEntry,
  uploadEvidence,
  useControls,
  useSoaMutation,
  useVersion,
  useVersions,
  type EntryChange,
} from './api';
import { SoaStatusBadge } from './badges';
import { DiffPanel } from './DiffPanel';
import { EntriesTable } from './EntriesTable';

/** The refusal of a submission: every control still undecided or excluded without a reason, by id. */
function SubmitRefusal({ error }: { error: unknown }) {
  const { t } = useTranslation();
  if (!(error instanceof ApiError) || !error.errors.some((e) => e.path.startsWith('entries.')))
    return <ProblemAlert error={error} />;
  return (
    <Alert color="red" title={error.detail} data-testid="soa-submit-refusal">
      <List size="sm">
        {error.errors.map((e) => (
          <List.Item key={e.path}>
            {t('soa.fields.control')} {e.path.replace(/^entries\.|\.(applicable|justification)$/g, '')}: {ApiError.errorText(e)}
          </List.Item>
        ))}
      </List>
    </Alert>
  );
}

/** One SoA: its versions, the editor of a draft, the approval steps, exports, history and differences. */
export function SoaPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'ja' ? 'ja' : 'en';
  const { id } = useParams({ from: '/app/soa/$id' });
  const canManage = useCan('soa:manage');
  const canApprove = useCan('soa:approve');
  const versions = useVersions(id);
  const [picked, setPicked] = useState<number | null>(null);
  const number = picked ?? versions.data?.[0]?.number ?? null;
  const version = useVersion(id, number);
  const controls = useControls();
  const [theme, setTheme] = useState<string | null>(null);
  const [decision, setDecision] = useState<string | null>(null);
  const [q, setQ] = useState('');
  const [reason, setReason] = useState('');
  const v = version.data;
  // The version's ETag as last seen: an answer to our own edit may arrive before the version is fetched again.
  const tag = useRef<{ version: number; rowVersion: number } | null>(null);
  const currentTag = () => (tag.current?.version === v!.number ? Math.max(tag.current.rowVersion, v!.rowVersion) : v!.rowVersion);
  const edit = useSoaMutation(async ({ controlId, change }: { controlId: string; change: EntryChange }) => {
    const res = await updateEntry(id, v!.number, controlId, change, currentTag());
    tag.current = { version: v!.number, rowVersion: res.rowVersion };
    return res;
  });
  const move = useSoaMutation((action: 'submit' | 'approve') => step(id, v!.number, action, currentTag()));
  const back = useSoaMutation(() => returnVersion(id, v!.number, reason));
  const start = useSoaMutation(() => newVersion(id));
  const upload = useSoaMutation(({ controlId, file }: { controlId: string; file: File }) =>
    uploadEvidence(id, v!.number, controlId, file),
  );
  const hasOpen = versions.data?.some((x) => x.status !== 'approved');

  const byId = new Map((controls.data ?? []).map((c) => [c.id, c]));
  const needle = q.trim().toLowerCase();
  const entries = (v?.entries ?? []).filter((e) => {
    const c = byId.get(e.controlId);
    if (theme && c?.theme !== theme) return false;
    if (decision === 'undecided' && e.applicable !== null) return false;
    if (decision === 'yes' && e.applicable !== true) return false;
    if (decision === 'no' && e.applicable !== false) return false;
    if (needle && !`${e.controlId} ${c?.title[lang] ?? ''} ${e.justification}`.toLowerCase().includes(needle)) return false;
    return true;
  });

  return (
    <Stack>
      <Title order={2}>
        {t('soa.title')}
        {v ? ` — ${v.scope.name[lang]}` : ''}
      </Title>
      <ProblemAlert error={versions.error ?? version.error} />
      {v && (
        <Group align="flex-end" wrap="wrap">
          <Select
            label={t('soa.version')}
            data={(versions.data ?? []).map((x) => ({ value: String(x.number), label: t('soa.versionN', { n: x.number }) }))}
            value={String(v.number)}
            onChange={(x) => x && setPicked(Number(x))}
            allowDeselect={false}
            data-testid="soa-version"
          />
          <SoaStatusBadge status={v.status} />
          <Text size="sm" data-testid="soa-decided">
            {t('soa.decidedOf', { n: v.decided })}
          </Text>
          {v.approvedBy && (
            <Text size="sm">
              {t('soa.approvedByOn', { name: v.approvedBy.name, at: formatDateTime(v.approvedAt, i18n.language) })}
            </Text>
          )}
        </Group>
      )}
      {v?.status === 'draft' && v.returnReason && (
        <Alert color="orange" title={t('soa.returned')} data-testid="soa-return-reason">
          {v.returnReason}
        </Alert>
      )}
      {v && (
        <Group wrap="wrap">
          {canManage && v.status === 'draft' && (
            <Button
              data-testid="soa-submit"
              loading={move.isPending}
              onClick={() => move.mutate('submit', { onSuccess: () => notifySuccess(t('soa.submitted')) })}
            >
              {t('soa.submit')}
            </Button>
          )}
          {canApprove && v.status === 'review' && (
            <>
              <Button
                color="green"
                data-testid="soa-approve"
                loading={move.isPending}
                onClick={() => move.mutate('approve', { onSuccess: () => notifySuccess(t('soa.approved')) })}
              >
                {t('soa.approve')}
              </Button>
              <TextInput
                aria-label={t('soa.returnReason')}
                placeholder={t('soa.returnReason')}
                value={reason}
                onChange={(e) => setReason(e.currentTarget.value)}
                data-testid="soa-return-reason-input"
              />
              <Button variant="default" disabled={!reason.trim()} loading={back.isPending} onClick={() => back.mutate(undefined)}>
                {t('soa.return')}
              </Button>
            </>
          )}
          {canManage && !hasOpen && (
            <Button
              variant="light"
              data-testid="soa-new-version"
              loading={start.isPending}
              onClick={() => start.mutate(undefined, { onSuccess: (x) => setPicked(x.number) })}
            >
              {t('soa.newVersion')}
            </Button>
          )}
          <Button
            component="a"
            variant="default"
            href={buildUrl(`/soa/${id}/versions/${v.number}/soa.pdf`, { lang })}
            data-testid="soa-pdf"
          >
            {t('soa.pdf')}
          </Button>
          <Button
            component="a"
            variant="default"
            href={buildUrl(`/soa/${id}/versions/${v.number}/soa.xlsx`, { lang })}
            data-testid="soa-xlsx"
          >
            {t('soa.xlsx')}
          </Button>
        </Group>
      )}
      {move.error !== null && <SubmitRefusal error={move.error} />}
      <ProblemAlert error={edit.error ?? back.error ?? start.error ?? upload.error} />
      <Tabs defaultValue="entries">
        <Tabs.List>
          <Tabs.Tab value="entries">{t('soa.tabs.entries')}</Tabs.Tab>
          <Tabs.Tab value="history" data-testid="soa-history-tab">
            {t('soa.tabs.history')}
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="entries" pt="md">
          <Stack>
            <Group wrap="wrap">
              <Select
                label={t('soa.filters.theme')}
                placeholder={t('common.all')}
                clearable
                data={['organizational', 'people', 'physical', 'technological'].map((x) => ({
                  value: x,
                  label: t(`soa.themes.${x}`),
                }))}
                value={theme}
                onChange={setTheme}
              />
              <Select
                label={t('soa.filters.decision')}
                placeholder={t('common.all')}
                clearable
                data={['undecided', 'yes', 'no'].map((x) => ({ value: x, label: t(`soa.applicable.${x}`) }))}
                value={decision}
                onChange={setDecision}
                data-testid="soa-filter-decision"
              />
              <TextInput label={t('soa.filters.text')} value={q} onChange={(e) => setQ(e.currentTarget.value)} />
            </Group>
            {v && controls.data && (
              <EntriesTable
                entries={entries}
                controls={controls.data}
                editable={canManage && v.status === 'draft'}
                onChange={(controlId, change) => edit.mutate({ controlId, change })}
                base={`/soa/${id}/versions/${v.number}`}
                onUpload={(controlId, file) => upload.mutate({ controlId, file })}
                risks={v.linkedRisks}
              />
            )}
          </Stack>
        </Tabs.Panel>
        <Tabs.Panel value="history" pt="md">
          {versions.data && <DiffPanel soaId={id} versions={versions.data} />}
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
