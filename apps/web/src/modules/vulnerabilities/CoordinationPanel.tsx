import { Autocomplete, Badge, Button, Group, Paper, Select, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { Table } from '../../components/Table';
import { COORDINATION_KINDS } from '@mamori/contracts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { fieldError, ProblemAlert } from '../../components/problem';
import { type CreateCoordinationBody, useCaseMutation, type VulnerabilityDetail } from './api';
import { DateField } from '../../components/dates/DateField';

/** The coordinators a Japanese PSIRT deals with most; any other organisation may be typed. */
const KNOWN = ['JPCERT/CC', 'IPA', 'TWCERT/CC', 'CERT/CC', 'KrCERT/CC', 'CISA', 'NCSC-NL'];

/** Coordination with CERTs (JPCERT/CC and others), suppliers and other vendors: who was told what, and when. */
export function CoordinationPanel({ vulnerability: c, canManage }: { vulnerability: VulnerabilityDetail; canManage: boolean }) {
  const { t } = useTranslation();
  return (
    <Paper withBorder p="md" data-testid="vulnerability-coordination">
      <Title order={4} mb="sm">
        {t('psirtCases.coordination.title')}
      </Title>
      <Stack>
        {c.coordination.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('psirtCases.coordination.none')}
          </Text>
        ) : (
          <Table>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('psirtCases.coordination.date')}</Table.Th>
                <Table.Th>{t('psirtCases.coordination.organisation')}</Table.Th>
                <Table.Th>{t('psirtCases.coordination.kind')}</Table.Th>
                <Table.Th>{t('psirtCases.coordination.reference')}</Table.Th>
                <Table.Th>{t('psirtCases.coordination.note')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {c.coordination.map((r) => (
                <Table.Tr key={r.id} data-testid="coordination-record">
                  <Table.Td>{r.occurredOn}</Table.Td>
                  <Table.Td>{r.organisation}</Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>
                    <Badge variant="light">{t(`psirtCases.coordinationKind.${r.kind}`)}</Badge>
                  </Table.Td>
                  <Table.Td>{r.reference ?? '—'}</Table.Td>
                  <Table.Td style={{ whiteSpace: 'pre-wrap' }}>{r.note ?? ''}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
        {canManage && <NewRecord caseId={c.id} />}
      </Stack>
    </Paper>
  );
}

function NewRecord({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const [organisation, setOrganisation] = useState('');
  const [kind, setKind] = useState<CreateCoordinationBody['kind']>('notified');
  const [reference, setReference] = useState('');
  const [occurredOn, setOccurredOn] = useState(() => new Date().toLocaleDateString('sv-SE'));
  const [note, setNote] = useState('');
  const create = useCaseMutation((body: CreateCoordinationBody) =>
    api(`/vulnerabilities/${caseId}/coordination`, { method: 'POST', json: body }),
  );
  const submit = () =>
    create.mutate(
      { organisation: organisation.trim(), kind, reference: reference.trim() || null, occurredOn, note: note.trim() || null },
      {
        onSuccess: () => {
          setReference('');
          setNote('');
        },
      },
    );
  const err = (f: string) => fieldError(create.error, f);
  return (
    <Stack gap="xs" data-testid="coordination-form">
      <Group align="flex-start" wrap="wrap">
        <Autocomplete
          label={t('psirtCases.coordination.organisation')}
          data={KNOWN}
          value={organisation}
          onChange={setOrganisation}
          maxLength={200}
          error={err('organisation')}
          data-testid="coordination-organisation"
          w={200}
        />
        <Select
          label={t('psirtCases.coordination.kind')}
          allowDeselect={false}
          data={COORDINATION_KINDS.map((k) => ({ value: k, label: t(`psirtCases.coordinationKind.${k}`) }))}
          value={kind}
          onChange={(v) => v && setKind(v as CreateCoordinationBody['kind'])}
          data-testid="coordination-kind"
          w={200}
        />
        <TextInput
          label={t('psirtCases.coordination.reference')}
          placeholder="JVNVU#12345678"
          value={reference}
          onChange={(e) => setReference(e.currentTarget.value)}
          maxLength={200}
          error={err('reference')}
          data-testid="coordination-reference"
        />
        <DateField
          label={t('psirtCases.coordination.date')}
          value={occurredOn}
          onChange={(v) => setOccurredOn(v)}
          error={err('occurredOn')}
          data-testid="coordination-date"
        />
      </Group>
      <Textarea
        label={t('psirtCases.coordination.note')}
        value={note}
        onChange={(e) => setNote(e.currentTarget.value)}
        autosize
        minRows={2}
        maxLength={5000}
        error={err('note')}
        data-testid="coordination-note"
      />
      <Group>
        <Button
          onClick={submit}
          disabled={!organisation.trim() || !occurredOn}
          loading={create.isPending}
          data-testid="coordination-add"
        >
          {t('psirtCases.coordination.add')}
        </Button>
      </Group>
      <ProblemAlert error={create.error} />
    </Stack>
  );
}
