import { Anchor, Button, Code, FileInput, Group, Paper, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { Table } from '../../components/Table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, buildUrl } from '../../api/client';
import { formatDateTime } from '../../components/names';
import { ProblemAlert } from '../../components/problem';
import { type Evidence, fileToBase64, useCaseMutation, useEvidence } from './api';

const CUSTODY = ['transferred', 'sealed', 'examined', 'returned', 'disposed'] as const;

interface Props {
  incidentId: string;
  canManage: boolean;
  canContribute: boolean;
}

/** Evidence files with their SHA-256 and chain of custody; every download is logged by the server. */
export function EvidencePanel({ incidentId, canManage, canContribute }: Props) {
  const { t } = useTranslation();
  const evidence = useEvidence(incidentId);
  const [file, setFile] = useState<File | null>(null);
  const [description, setDescription] = useState('');
  const upload = useCaseMutation(incidentId, async (f: File) =>
    api<Evidence>(`/incidents/${incidentId}/evidence`, {
      method: 'POST',
      json: { name: f.name, mediaType: f.type || 'application/octet-stream', contentBase64: await fileToBase64(f), description },
    }),
  );
  return (
    <Paper withBorder p="md" data-testid="incident-evidence">
      <Title order={4} mb="sm">
        {t('incidents.evidence.title')}
      </Title>
      <ProblemAlert error={evidence.error} />
      {evidence.data?.length === 0 && <Text c="dimmed">{t('incidents.evidence.none')}</Text>}
      <Stack>
        {evidence.data?.map((e) => (
          <EvidenceItem key={e.id} incidentId={incidentId} e={e} canManage={canManage} />
        ))}
      </Stack>
      {canContribute && (
        <Stack gap="xs" mt="sm">
          <Group align="flex-end" wrap="wrap">
            <FileInput
              label={t('incidents.evidence.file')}
              value={file}
              onChange={setFile}
              clearable
              data-testid="evidence-file"
              w={260}
            />
            <TextInput
              label={t('incidents.evidence.description')}
              value={description}
              onChange={(e) => setDescription(e.currentTarget.value)}
              style={{ flex: '1 1 200px' }}
            />
            <Button
              disabled={!file}
              loading={upload.isPending}
              onClick={() =>
                file &&
                upload.mutate(file, {
                  onSuccess: () => {
                    setFile(null);
                    setDescription('');
                  },
                })
              }
              data-testid="evidence-upload"
            >
              {t('incidents.evidence.upload')}
            </Button>
          </Group>
          <ProblemAlert error={upload.error} />
        </Stack>
      )}
    </Paper>
  );
}

function EvidenceItem({ incidentId, e, canManage }: { incidentId: string; e: Evidence; canManage: boolean }) {
  const { t, i18n } = useTranslation();
  const [action, setAction] = useState<string | null>(null);
  const [to, setTo] = useState('');
  const [note, setNote] = useState('');
  const custody = useCaseMutation(incidentId, (body: object) =>
    api<Evidence>(`/incidents/${incidentId}/evidence/${e.id}/custody`, { method: 'POST', json: body }),
  );
  return (
    <Paper withBorder p="sm" data-testid="evidence-item">
      <Group justify="space-between">
        <Anchor href={buildUrl(`/incidents/${incidentId}/evidence/${e.id}/content`)} fw={600}>
          {e.name}
        </Anchor>
        <Text size="xs" c="dimmed">
          {e.mediaType} · {e.size.toLocaleString()} B · {formatDateTime(e.collectedAt, i18n.language)}
        </Text>
      </Group>
      {e.description && <Text size="sm">{e.description}</Text>}
      <Text size="xs" mt={4}>
        SHA-256: <Code data-testid="evidence-sha256">{e.sha256}</Code>
      </Text>
      <Table mt="xs" fz="xs" data-testid="evidence-custody">
        <Table.Tbody>
          {e.custody.map((c, i) => (
            <Table.Tr key={i}>
              <Table.Td>{formatDateTime(c.at, i18n.language)}</Table.Td>
              <Table.Td>{t(`incidents.custody.${c.action}`, { defaultValue: c.action })}</Table.Td>
              <Table.Td>{c.by}</Table.Td>
              <Table.Td>{c.to ?? ''}</Table.Td>
              <Table.Td>{c.note}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {canManage && (
        <Group align="flex-end" mt="xs" wrap="wrap">
          <Select
            size="xs"
            label={t('incidents.evidence.custodyStep')}
            data={CUSTODY.map((c) => ({ value: c, label: t(`incidents.custody.${c}`) }))}
            value={action}
            onChange={setAction}
            w={160}
          />
          <TextInput size="xs" label={t('incidents.evidence.to')} value={to} onChange={(ev) => setTo(ev.currentTarget.value)} />
          <TextInput
            size="xs"
            label={t('incidents.evidence.note')}
            value={note}
            onChange={(ev) => setNote(ev.currentTarget.value)}
          />
          <Button
            size="xs"
            variant="default"
            disabled={!action}
            loading={custody.isPending}
            onClick={() =>
              custody.mutate({ action, note, ...(to.trim() ? { to: to.trim() } : {}) }, { onSuccess: () => setAction(null) })
            }
          >
            {t('incidents.evidence.record')}
          </Button>
        </Group>
      )}
      <ProblemAlert error={custody.error} />
    </Paper>
  );
}
