import {
  ActionIcon,
  Anchor,
  Button,
  Card,
  Code,
  FileInput,
  Group,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Textarea,
  Title,
} from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, buildUrl } from '../../api/client';
import { DateField } from '../../components/dates/DateField';
import { formatDateTime } from '../../components/names';
import { notifySuccess, ProblemAlert } from '../../components/problem';
import { MAX_EVIDENCE_BYTES, updateAudit, uploadEvidence, useAuditMutation, type Audit, type Interview } from './api';

const blank = (): Interview => ({ name: '', role: '', heldOn: '', notes: '' });

/**
 * The audit's interviews (who, role, date, notes): the assigned auditors and the office add, change and remove them
 * and save the list at once, with the version the page loaded (If-Match).
 */
export function InterviewsPanel({ audit: a, editable }: { audit: Audit; editable: boolean }) {
  const { t } = useTranslation();
  const [rows, setRows] = useState<Interview[]>(a.interviews);
  const save = useAuditMutation(updateAudit);
  const errors = save.error instanceof ApiError ? save.error.fieldErrors() : {};
  const set = (i: number, patch: Partial<Interview>) => setRows((r) => r.map((x, j) => (j === i ? { ...x, ...patch } : x)));
  if (!editable && a.interviews.length === 0) return null;
  return (
    <Card withBorder data-testid="audit-interviews">
      <Stack gap="xs">
        <Title order={3}>{t('audits.interviews')}</Title>
        {!editable &&
          a.interviews.map((i, n) => (
            <Text size="sm" key={n} data-testid="interview-row">
              {i.heldOn} {i.name}
              {i.role ? ` (${i.role})` : ''}: {i.notes}
            </Text>
          ))}
        {editable &&
          rows.map((r, i) => (
            <Card withBorder padding="xs" key={i} data-testid="interview-row">
              <SimpleGrid cols={{ base: 1, sm: 3 }}>
                <TextInput
                  label={t('audits.interviewee')}
                  value={r.name}
                  onChange={(e) => set(i, { name: e.currentTarget.value })}
                  required
                  error={errors[`interviews.${i}.name`]}
                  data-testid={`interview-${i}-name`}
                />
                <TextInput
                  label={t('audits.intervieweeRole')}
                  value={r.role ?? ''}
                  onChange={(e) => set(i, { role: e.currentTarget.value })}
                  error={errors[`interviews.${i}.role`]}
                  data-testid={`interview-${i}-role`}
                />
                <DateField
                  label={t('audits.heldOn')}
                  value={r.heldOn}
                  onChange={(v) => set(i, { heldOn: v })}
                  required
                  error={errors[`interviews.${i}.heldOn`]}
                  data-testid={`interview-${i}-date`}
                />
              </SimpleGrid>
              <Group align="flex-end" wrap="nowrap" mt="xs">
                <Textarea
                  label={t('audits.notes')}
                  value={r.notes ?? ''}
                  onChange={(e) => set(i, { notes: e.currentTarget.value })}
                  autosize
                  minRows={1}
                  error={errors[`interviews.${i}.notes`]}
                  style={{ flex: 1 }}
                  data-testid={`interview-${i}-notes`}
                />
                <ActionIcon
                  variant="default"
                  size="lg"
                  aria-label={t('audits.removeInterview')}
                  onClick={() => setRows((x) => x.filter((_, j) => j !== i))}
                >
                  ×
                </ActionIcon>
              </Group>
            </Card>
          ))}
        {editable && (
          <Group>
            <Button variant="default" onClick={() => setRows((r) => [...r, blank()])} data-testid="interview-add">
              {t('audits.addInterview')}
            </Button>
            <Button
              loading={save.isPending}
              data-testid="interviews-save"
              onClick={() =>
                save.mutate(
                  { id: a.id, body: { interviews: rows }, version: a.rowVersion },
                  { onSuccess: () => notifySuccess(t('audits.saved')) },
                )
              }
            >
              {t('audits.saveInterviews')}
            </Button>
          </Group>
        )}
        <ProblemAlert error={save.error} />
      </Stack>
    </Card>
  );
}

const size = (n: number, lang: string) =>
  n >= 1024 * 1024
    ? `${(n / 1024 / 1024).toLocaleString(lang, { maximumFractionDigits: 1 })} MB`
    : `${Math.ceil(n / 1024).toLocaleString(lang)} KB`;

/** Evidence files: uploaded by the assigned auditors while the audit runs (10 MB at most), listed with SHA-256. */
export function EvidencePanel({ audit: a, canUpload }: { audit: Audit; canUpload: boolean }) {
  const { t, i18n } = useTranslation();
  const [file, setFile] = useState<File | null>(null);
  const upload = useAuditMutation(uploadEvidence);
  const tooLarge = !!file && file.size > MAX_EVIDENCE_BYTES;
  if (!canUpload && a.evidence.length === 0) return null;
  return (
    <Card withBorder data-testid="audit-evidence">
      <Stack gap="xs">
        <Title order={3}>{t('audits.evidence')}</Title>
        {a.evidence.length === 0 && <Text c="dimmed">{t('audits.none')}</Text>}
        {a.evidence.map((f) => (
          <Stack gap={2} key={f.id} data-testid="evidence-row">
            <Group gap="xs" wrap="wrap">
              <Anchor href={buildUrl(`/audits/${a.id}/evidence/${f.id}`)} fw={600} data-testid="evidence-download">
                {f.name}
              </Anchor>
              <Text size="xs" c="dimmed">
                {size(f.size, i18n.language)} · {formatDateTime(f.uploadedAt, i18n.language)}
              </Text>
            </Group>
            <Text size="xs" style={{ overflowWrap: 'anywhere' }}>
              SHA-256: <Code data-testid="evidence-sha256">{f.sha256}</Code>
            </Text>
          </Stack>
        ))}
        {canUpload && (
          <Group align="flex-end" wrap="wrap">
            <FileInput
              label={t('audits.evidenceFile')}
              description={t('audits.evidenceLimit')}
              value={file}
              onChange={setFile}
              clearable
              error={tooLarge ? t('audits.evidenceTooLarge') : undefined}
              style={{ flex: '1 1 220px' }}
              data-testid="evidence-file"
            />
            <Button
              disabled={!file || tooLarge}
              loading={upload.isPending}
              data-testid="evidence-upload"
              onClick={() => file && upload.mutate({ id: a.id, file }, { onSuccess: () => setFile(null) })}
            >
              {t('audits.upload')}
            </Button>
          </Group>
        )}
        <ProblemAlert error={upload.error} />
      </Stack>
    </Card>
  );
}
