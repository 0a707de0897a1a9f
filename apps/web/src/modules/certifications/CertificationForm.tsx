import {
  ActionIcon,
  Badge,
  Button,
  Group,
  MultiSelect,
  Paper,
  Select,
  Stack,
  Switch,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { CERTIFICATION_AUDIT_KINDS, CERTIFICATION_STANDARDS } from '@mamori/contracts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocalName } from '../../components/names';
import { fieldError, ProblemAlert } from '../../components/problem';
import { api } from '../../api/client';
import { OrgUnitSelect } from '../org/OrgUnitSelect';
import { useCertCompanies, useSaveCertification, useStandards, type Certification } from './api';
import { DateField } from '../../components/dates/DateField';

interface AuditRow {
  kind: string;
  date: string;
  heldOn: string;
  findings: string;
}

const initial = (c?: Certification) => ({
  companyId: c?.company.id ?? null,
  standard: c?.standard ?? 'iso27001',
  edition: c?.edition ?? '2022',
  assessmentLevel: c?.assessmentLevel ?? '',
  labels: c?.labels ?? [],
  registrationNumber: c?.registrationNumber ?? '',
  certificationBody: c?.certificationBody ?? '',
  accreditation: c?.accreditation ?? '',
  firstRegisteredOn: c?.firstRegisteredOn ?? '',
  validFrom: c?.validFrom ?? '',
  validTo: c?.validTo ?? '',
  scopeJa: c?.scopeJa ?? '',
  scopeEn: c?.scopeEn ?? '',
  scopeUnits: c?.scopeUnits ?? [],
  audits: (c?.audits ?? []).map((a): AuditRow => ({ kind: a.kind, date: a.date, heldOn: a.heldOn ?? '', findings: a.findings })),
  withdrawn: c?.state === 'withdrawn',
});

/** The certificate form: a new one (with its company) or a change to one (If-Match with the version it loaded). */
export function CertificationForm({ cert, onDone }: { cert?: Certification; onDone: (saved: Certification) => void }) {
  const { t } = useTranslation();
  const name = useLocalName();
  const standards = useStandards();
  const companies = useCertCompanies(!cert);
  const save = useSaveCertification(cert?.id);
  const [f, setF] = useState(initial(cert));
  const set = (patch: Partial<typeof f>) => setF({ ...f, ...patch });
  const std = standards.data?.find((s) => s.id === f.standard);
  const err = (field: string) => fieldError(save.error, field);
  const setAudit = (i: number, patch: Partial<AuditRow>) =>
    set({ audits: f.audits.map((a, j) => (j === i ? { ...a, ...patch } : a)) });

  const submit = () => {
    const body: Record<string, unknown> = {
      standard: f.standard,
      edition: f.edition,
      assessmentLevel: f.assessmentLevel,
      labels: f.labels,
      registrationNumber: f.registrationNumber,
      certificationBody: f.certificationBody,
      accreditation: f.accreditation,
      firstRegisteredOn: f.firstRegisteredOn || null,
      validFrom: f.validFrom,
      validTo: f.validTo,
      scopeJa: f.scopeJa,
      scopeEn: f.scopeEn,
      scopeUnitIds: f.scopeUnits.map((u) => u.id),
      audits: f.audits.map((a) => ({ kind: a.kind, date: a.date, heldOn: a.heldOn || null, findings: a.findings })),
    };
    if (cert) body.withdrawn = f.withdrawn;
    else body.companyId = f.companyId;
    save.mutate({ body, ifMatch: cert?.rowVersion }, { onSuccess: onDone });
  };

  return (
    <Paper withBorder p="sm" data-testid="cert-form">
      <Stack gap="xs">
        <Title order={4}>{cert ? t('certPages.edit') : t('certPages.new')}</Title>
        {!cert && (
          <Select
            label={t('certPages.field.company')}
            required
            data={(companies.data ?? []).map((c) => ({ value: c.id, label: name(c) }))}
            value={f.companyId}
            onChange={(v) => set({ companyId: v, scopeUnits: [] })}
            error={err('companyId')}
            data-testid="cert-company"
          />
        )}
        <Group grow wrap="wrap" align="flex-start">
          <Select
            label={t('certPages.field.standard')}
            data={CERTIFICATION_STANDARDS.map((s) => {
              const info = standards.data?.find((x) => x.id === s);
              return { value: s, label: info ? name(info) : s };
            })}
            value={f.standard}
            onChange={(v) =>
              set({ standard: (v ?? 'iso27001') as typeof f.standard, labels: [], assessmentLevel: '', edition: '' })
            }
            error={err('standard')}
            data-testid="cert-standard"
          />
          <Select
            label={t('certPages.field.edition')}
            data={[...new Set([...(std?.editions ?? []), ...(f.edition ? [f.edition] : [])])]}
            value={f.edition || null}
            onChange={(v) => set({ edition: v ?? '' })}
            error={err('edition')}
            data-testid="cert-edition"
          />
        </Group>
        {(std?.levels.length ?? 0) > 0 && (
          <Group grow wrap="wrap" align="flex-start">
            <Select
              label={t('certPages.field.assessmentLevel')}
              clearable
              data={std!.levels}
              value={f.assessmentLevel || null}
              onChange={(v) => set({ assessmentLevel: v ?? '' })}
              error={err('assessmentLevel')}
            />
            {std!.labels.length > 0 && (
              <MultiSelect
                label={t('certPages.field.labels')}
                data={std!.labels.map((l) => ({ value: l.id, label: name(l) }))}
                value={f.labels}
                onChange={(v) => set({ labels: v })}
                error={err('labels.0')}
              />
            )}
          </Group>
        )}
        <Group grow wrap="wrap" align="flex-start">
          <TextInput
            label={t('certPages.field.registrationNumber')}
            required
            value={f.registrationNumber}
            onChange={(e) => set({ registrationNumber: e.currentTarget.value })}
            error={err('registrationNumber')}
            data-testid="cert-number"
          />
          <TextInput
            label={t('certPages.field.certificationBody')}
            required
            value={f.certificationBody}
            onChange={(e) => set({ certificationBody: e.currentTarget.value })}
            error={err('certificationBody')}
            data-testid="cert-body"
          />
          <TextInput
            label={t('certPages.field.accreditation')}
            value={f.accreditation}
            onChange={(e) => set({ accreditation: e.currentTarget.value })}
            error={err('accreditation')}
          />
        </Group>
        <Group grow wrap="wrap" align="flex-start">
          <DateField
            label={t('certPages.field.firstRegisteredOn')}
            value={f.firstRegisteredOn}
            onChange={(v) => set({ firstRegisteredOn: v })}
            error={err('firstRegisteredOn')}
          />
          <DateField
            required
            label={t('certPages.field.validFrom')}
            value={f.validFrom}
            onChange={(v) => set({ validFrom: v })}
            error={err('validFrom')}
            data-testid="cert-valid-from"
          />
          <DateField
            required
            label={t('certPages.field.validTo')}
            value={f.validTo}
            onChange={(v) => set({ validTo: v })}
            error={err('validTo')}
            data-testid="cert-valid-to"
          />
        </Group>
        <Textarea
          label={t('certPages.field.scopeJa')}
          autosize
          minRows={2}
          value={f.scopeJa}
          onChange={(e) => set({ scopeJa: e.currentTarget.value })}
          error={err('scopeJa')}
        />
        <Textarea
          label={t('certPages.field.scopeEn')}
          autosize
          minRows={2}
          value={f.scopeEn}
          onChange={(e) => set({ scopeEn: e.currentTarget.value })}
          error={err('scopeEn')}
        />
        <Stack gap={4}>
          <Group gap={6} wrap="wrap">
            {f.scopeUnits.map((u, i) => (
              <Badge
                key={u.id}
                variant="light"
                color={err(`scopeUnitIds.${i}`) ? 'red' : 'blue'}
                rightSection={
                  <ActionIcon
                    size="xs"
                    variant="transparent"
                    aria-label={`${t('certPages.audits.remove')} ${name(u)}`}
                    onClick={() => set({ scopeUnits: f.scopeUnits.filter((x) => x.id !== u.id) })}
                  >
                    ×
                  </ActionIcon>
                }
              >
                {name(u)}
              </Badge>
            ))}
          </Group>
          {f.scopeUnits.map((u, i) =>
            err(`scopeUnitIds.${i}`) ? (
              <Text key={u.id} size="xs" c="red">
                {name(u)}: {err(`scopeUnitIds.${i}`)}
              </Text>
            ) : null,
          )}
          <UnitAdder
            label={t('certPages.field.scopeUnits')}
            onAdd={(u) => !f.scopeUnits.some((x) => x.id === u.id) && set({ scopeUnits: [...f.scopeUnits, u] })}
          />
        </Stack>
        <Stack gap={6}>
          <Title order={5}>{t('certPages.audits.title')}</Title>
          {f.audits.map((a, i) => (
            <Paper key={i} withBorder p="xs">
              <Group grow wrap="wrap" align="flex-start">
                <Select
                  label={t('certPages.audits.kind')}
                  data={CERTIFICATION_AUDIT_KINDS.map((k) => ({ value: k, label: t(`certPages.auditKind.${k}`) }))}
                  value={a.kind}
                  onChange={(v) => setAudit(i, { kind: v ?? 'surveillance' })}
                />
                <DateField
                  label={t('certPages.audits.date')}
                  value={a.date}
                  onChange={(v) => setAudit(i, { date: v })}
                  error={err(`audits.${i}.date`)}
                />
                <DateField
                  label={t('certPages.audits.heldOn')}
                  value={a.heldOn}
                  onChange={(v) => setAudit(i, { heldOn: v })}
                  error={err(`audits.${i}.heldOn`)}
                />
              </Group>
              <Textarea
                label={t('certPages.audits.findings')}
                autosize
                minRows={1}
                value={a.findings}
                onChange={(e) => setAudit(i, { findings: e.currentTarget.value })}
              />
              <Button
                size="xs"
                variant="subtle"
                color="red"
                mt={4}
                onClick={() => set({ audits: f.audits.filter((_, j) => j !== i) })}
              >
                {t('certPages.audits.remove')}
              </Button>
            </Paper>
          ))}
          <Button
            size="xs"
            variant="light"
            onClick={() => set({ audits: [...f.audits, { kind: 'surveillance', date: '', heldOn: '', findings: '' }] })}
          >
            {t('certPages.audits.add')}
          </Button>
        </Stack>
        {cert && (
          <Switch
            label={t('certPages.field.withdrawn')}
            checked={f.withdrawn}
            onChange={(e) => set({ withdrawn: e.currentTarget.checked })}
          />
        )}
        <ProblemAlert error={save.error} />
        <Button onClick={submit} loading={save.isPending} data-testid="cert-save">
          {cert ? t('certPages.save') : t('certPages.create')}
        </Button>
      </Stack>
    </Paper>
  );
}

/** Picks a unit to add to the scope (the server refuses one outside the company, naming it). */
function UnitAdder({ label, onAdd }: { label: string; onAdd: (u: { id: string; nameJa: string; nameEn: string }) => void }) {
  const [key, setKey] = useState(0);
  const pick = (id: string | null) => {
    if (!id) return;
    void api<{ id: string; nameJa: string; nameEn: string }>(`/org-units/${id}`).then((u) => {
      onAdd({ id: u.id, nameJa: u.nameJa, nameEn: u.nameEn });
      setKey((k) => k + 1);
    });
  };
  return <OrgUnitSelect key={key} label={label} value={null} onChange={pick} testId="cert-unit-picker" />;
}
