import { Alert, Anchor, Button, Group, Paper, Select, Stack, TextInput, Title } from '@mantine/core';
import { VULNERABILITY_STATUSES } from '@mamori/contracts';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldError, notifySuccess } from '../../components/problem';
import { Refusal } from '../incidents/Refusal';
import { fromLocalInput, toLocalInput } from '../incidents/time';
import { type UpdateBody, useUpdateCase, useVulnerability, type VulnerabilityDetail } from './api';
import { CaseSelect } from './CaseSelect';
import { CvssField } from './CvssField';
import { DateTimeField } from '../../components/dates/DateField';

const orNull = (s: string) => (s.trim() === '' ? null : s.trim());

/** Only what differs from the saved case is sent: another panel's change is never overwritten. */
function changes(c: VulnerabilityDetail, next: Required<Pick<UpdateBody, 'status'>> & UpdateBody): UpdateBody {
  const saved: UpdateBody = {
    status: c.status,
    cvss31Vector: c.cvss31?.vector ?? null,
    cvss40Vector: c.cvss40?.vector ?? null,
    cveId: c.cveId,
    cwe: c.cwe,
    embargoUntil: c.embargoUntil,
    duplicateOfId: c.duplicateOfId,
  };
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(next)) {
    const before = saved[k as keyof UpdateBody];
    const same = k === 'embargoUntil' ? toLocalInput(before as string | null) === toLocalInput(v as string | null) : before === v;
    if (!same) out[k] = v;
  }
  return out as UpdateBody;
}

/** Triage: status, CVSS 3.1 and 4.0 (scored by the server as typed), CWE, CVE id, embargo, duplicate. */
export function TriagePanel({ vulnerability: c, canManage }: { vulnerability: VulnerabilityDetail; canManage: boolean }) {
  const { t } = useTranslation();
  const save = useUpdateCase(c.id, c.rowVersion);
  const [status, setStatus] = useState<VulnerabilityDetail['status']>(c.status);
  const [v31, setV31] = useState(c.cvss31?.vector ?? '');
  const [v40, setV40] = useState(c.cvss40?.vector ?? '');
  const [cwe, setCwe] = useState(c.cwe ?? '');
  const [cveId, setCveId] = useState(c.cveId ?? '');
  const [embargo, setEmbargo] = useState(toLocalInput(c.embargoUntil));
  const [duplicateOfId, setDuplicateOfId] = useState<string | null>(c.duplicateOfId);
  const original = useVulnerability(c.duplicateOfId);
  const originalLabel =
    c.duplicateOfId && original.data
      ? `${t('psirtCases.number', { number: original.data.number })} ${original.data.title}`
      : undefined;
  const body = changes(c, {
    status,
    cvss31Vector: orNull(v31),
    cvss40Vector: orNull(v40),
    cwe: orNull(cwe)?.toUpperCase() ?? null,
    cveId: orNull(cveId)?.toUpperCase() ?? null,
    embargoUntil: fromLocalInput(embargo),
    duplicateOfId,
  });
  const dirty = Object.keys(body).length > 0;
  const err = (field: string) => fieldError(save.error, field);
  const underEmbargo = c.embargoUntil !== null && new Date(c.embargoUntil) > new Date();

  return (
    <Paper withBorder p="md" data-testid="vulnerability-triage">
      <Title order={4} mb="sm">
        {t('psirtCases.triage.title')}
      </Title>
      <Stack>
        <Group align="flex-start" wrap="wrap">
          <CvssField
            version="4.0"
            value={v40}
            onChange={setV40}
            disabled={!canManage}
            error={err('cvss40Vector')}
            testId="cvss40"
          />
          <CvssField
            version="3.1"
            value={v31}
            onChange={setV31}
            disabled={!canManage}
            error={err('cvss31Vector')}
            testId="cvss31"
          />
        </Group>
        <Group align="flex-start" wrap="wrap">
          <Select
            label={t('psirtCases.field.status')}
            allowDeselect={false}
            disabled={!canManage}
            data={VULNERABILITY_STATUSES.filter((s) => s !== 'closed' || c.status === 'closed').map((s) => ({
              value: s,
              label: t(`psirtCases.status.${s}`),
            }))}
            value={status}
            onChange={(v) => v && setStatus(v as VulnerabilityDetail['status'])}
            error={err('status')}
            data-testid="triage-status"
            w={200}
          />
          <TextInput
            label="CWE"
            placeholder="CWE-79"
            value={cwe}
            onChange={(e) => setCwe(e.currentTarget.value)}
            disabled={!canManage}
            error={err('cwe')}
            data-testid="triage-cwe"
            w={140}
          />
          <TextInput
            label={t('psirtCases.field.cveId')}
            placeholder="CVE-2026-12345"
            value={cveId}
            onChange={(e) => setCveId(e.currentTarget.value)}
            disabled={!canManage}
            error={err('cveId')}
            data-testid="triage-cve"
            w={200}
          />
          <DateTimeField
            label={t('psirtCases.field.embargo')}
            description={t('psirtCases.triage.embargoHelp')}
            value={embargo}
            onChange={(v) => setEmbargo(v)}
            disabled={!canManage}
            error={err('embargoUntil')}
            data-testid="triage-embargo"
          />
        </Group>
        <Group align="flex-end" wrap="wrap">
          <CaseSelect
            label={t('psirtCases.triage.duplicateOf')}
            value={duplicateOfId}
            valueLabel={originalLabel}
            onChange={setDuplicateOfId}
            exclude={c.id}
            disabled={!canManage}
            error={err('duplicateOfId')}
            testId="triage-duplicate"
          />
          {c.duplicateOfId && (
            <Anchor component={Link} to={`/vulnerabilities/${c.duplicateOfId}`} data-testid="triage-duplicate-link">
              {t('psirtCases.triage.openOriginal')}
            </Anchor>
          )}
        </Group>
        {underEmbargo && (
          <Alert color="yellow" data-testid="triage-embargo-active">
            {t('psirtCases.triage.embargoActive')}
          </Alert>
        )}
        <Refusal error={save.error} testId="triage-problem" />
        {canManage && (
          <Group>
            <Button
              disabled={!dirty}
              loading={save.isPending}
              onClick={() => save.mutate(body, { onSuccess: () => notifySuccess(t('common.saved')) })}
              data-testid="triage-save"
            >
              {t('common.save')}
            </Button>
          </Group>
        )}
      </Stack>
    </Paper>
  );
}
