import { Anchor, Badge, Button, FileInput, Group, Loader, Paper, Stack, Text, Title } from '@mantine/core';
import { Link, useParams } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Table } from '../../components/Table';
import { useLocalName } from '../../components/names';
import { fieldError, notifySuccess, ProblemAlert } from '../../components/problem';
import { useCertification, useStandards, useUploadCertificate, type Certification } from './api';
import { CertificationForm } from './CertificationForm';
import { StateBadge, useStandardTitle } from './parts';

function Facts({ c }: { c: Certification }) {
  const { t, i18n } = useTranslation();
  const name = useLocalName();
  const standards = useStandards();
  const labels = standards.data?.find((s) => s.id === c.standard)?.labels ?? [];
  const rows: [string, React.ReactNode][] = [
    [t('certPages.field.company'), name(c.company)],
    [t('certPages.field.registrationNumber'), c.registrationNumber],
    [t('certPages.field.certificationBody'), c.certificationBody],
    [t('certPages.field.accreditation'), c.accreditation || '—'],
    [t('certPages.field.firstRegisteredOn'), c.firstRegisteredOn ?? '—'],
    [t('certPages.field.validFrom'), c.validFrom],
    [t('certPages.field.validTo'), c.validTo],
  ];
  if (c.assessmentLevel) rows.push([t('certPages.field.assessmentLevel'), c.assessmentLevel]);
  if (c.labels.length)
    rows.push([
      t('certPages.field.labels'),
      <Group gap={4} key="labels">
        {c.labels.map((l) => {
          const info = labels.find((x) => x.id === l);
          return (
            <Badge key={l} variant="outline">
              {info ? name(info) : l}
            </Badge>
          );
        })}
      </Group>,
    ]);
  const scope = i18n.language === 'ja' ? c.scopeJa || c.scopeEn : c.scopeEn || c.scopeJa;
  return (
    <Stack gap="xs">
      <Table variant="vertical" withTableBorder minWidth={320}>
        <Table.Tbody>
          {rows.map(([k, v]) => (
            <Table.Tr key={k}>
              <Table.Th w={160}>{k}</Table.Th>
              <Table.Td>{v}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Text fw={600} size="sm">
        {t(i18n.language === 'ja' ? 'certPages.field.scopeJa' : 'certPages.field.scopeEn')}
      </Text>
      <Text size="sm" style={{ whiteSpace: 'pre-wrap' }} data-testid="cert-scope">
        {scope || '—'}
      </Text>
      <Text fw={600} size="sm">
        {t('certPages.field.scopeUnits')}
      </Text>
      <Group gap={6} data-testid="cert-scope-units">
        {c.scopeUnits.map((u) => (
          <Badge key={u.id} variant="light">
            {name(u)}
          </Badge>
        ))}
        {!c.scopeUnits.length && <Text size="sm">—</Text>}
      </Group>
    </Stack>
  );
}

function Audits({ c }: { c: Certification }) {
  const { t } = useTranslation();
  return (
    <Stack gap="xs">
      <Title order={4}>{t('certPages.audits.title')}</Title>
      {!c.audits.length && <Text c="dimmed">{t('certPages.audits.none')}</Text>}
      {c.audits.map((a) => (
        <Paper key={a.id} withBorder p="xs">
          <Group gap="xs" wrap="wrap">
            <Text fw={600} size="sm">
              {t(`certPages.auditKind.${a.kind}`)}
            </Text>
            <Text size="sm">{a.heldOn ?? `${a.date} (${t('certPages.audits.planned')})`}</Text>
          </Group>
          {a.findings && (
            <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
              {t('certPages.audits.findings')}: {a.findings}
            </Text>
          )}
        </Paper>
      ))}
    </Stack>
  );
}

function FilePanel({ c }: { c: Certification }) {
  const { t } = useTranslation();
  const upload = useUploadCertificate(c.id);
  const [file, setFile] = useState<File | null>(null);
  return (
    <Stack gap="xs">
      <Title order={4}>{t('certPages.field.file')}</Title>
      {c.file ? (
        <Anchor href={`/api/certifications/${c.id}/file`} data-testid="cert-file-link">
          {t('certPages.file.download', { name: c.file.name })}
        </Anchor>
      ) : (
        <Text c="dimmed">{t('certPages.file.none')}</Text>
      )}
      {c.can.manage && (
        <Group align="flex-end" wrap="wrap">
          <FileInput
            label={t('certPages.file.choose')}
            accept="application/pdf,image/png,image/jpeg"
            value={file}
            onChange={setFile}
            error={fieldError(upload.error, 'mediaType') ?? fieldError(upload.error, 'contentBase64')}
            w={320}
            maw="100%"
          />
          <Button
            disabled={!file}
            loading={upload.isPending}
            onClick={() =>
              file &&
              upload.mutate(
                { file, ifMatch: c.rowVersion },
                {
                  onSuccess: () => {
                    setFile(null);
                    notifySuccess(t('certPages.file.uploaded'));
                  },
                },
              )
            }
          >
            {t('certPages.file.upload')}
          </Button>
        </Group>
      )}
      <ProblemAlert error={upload.error} />
    </Stack>
  );
}

/** One certificate: its facts, scope and units, audits with findings, the file; the company office edits it. */
export function CertificationPage() {
  const { id } = useParams({ from: '/app/certifications/$id' });
  const { t } = useTranslation();
  const title = useStandardTitle();
  const cert = useCertification(id);
  const [editing, setEditing] = useState(false);
  if (cert.isLoading) return <Loader />;
  if (!cert.data) return <ProblemAlert error={cert.error} />;
  const c = cert.data;
  return (
    <Stack>
      <Anchor component={Link} to="/certifications" size="sm">
        {t('certPages.back')}
      </Anchor>
      <Group justify="space-between" wrap="wrap">
        <Group gap="xs" wrap="wrap">
          <Title order={2} data-testid="cert-title">
            {title(c)}
          </Title>
          <StateBadge state={c.state} />
        </Group>
        {c.can.manage && (
          <Button variant="default" onClick={() => setEditing(!editing)} data-testid="cert-edit">
            {editing ? t('certPages.cancel') : t('certPages.edit')}
          </Button>
        )}
      </Group>
      {editing ? (
        <CertificationForm
          cert={c}
          onDone={() => {
            notifySuccess(t('certPages.saved'));
            setEditing(false);
          }}
        />
      ) : (
        <>
          <Paper withBorder p="sm">
            <Facts c={c} />
          </Paper>
          <Paper withBorder p="sm">
            <Audits c={c} />
          </Paper>
          <Paper withBorder p="sm">
            <FilePanel c={c} />
          </Paper>
        </>
      )}
    </Stack>
  );
}
