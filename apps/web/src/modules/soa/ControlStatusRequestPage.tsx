import { Button, Card, Group, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { useParams } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../app/useCan';
import { Table } from '../../components/Table';
import { notifySuccess, ProblemAlert } from '../../components/problem';
import {
  answerStatusRequest,
  useControls,
  useStatusMutation,
  useStatusRequest,
  type StatusAnswer,
  type StatusRequest,
} from './api';

type Unit = StatusRequest['units'][number];

/** The answer form of one unit: a status and a comment per requested control. */
function AnswerForm({ request, unit }: { request: StatusRequest; unit: Unit }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'ja' ? 'ja' : 'en';
  const controls = useControls();
  const [answers, setAnswers] = useState<StatusAnswer[]>(
    request.controlIds.map(
      (controlId) => unit.answers.find((a) => a.controlId === controlId) ?? { controlId, status: 'not_started', comment: '' },
    ),
  );
  const send = useStatusMutation(() => answerStatusRequest(request.id, unit.unit.id, answers, unit.rowVersion));
  const set = (i: number, change: Partial<StatusAnswer>) =>
    setAnswers(answers.map((a, j) => (i === j ? { ...a, ...change } : a)));
  return (
    <Card withBorder data-testid="status-answer-form">
      <Stack>
        <Title order={4}>{t('controlStatus.answerFor', { unit: unit.unit.name[lang] })}</Title>
        {answers.map((a, i) => (
          <Group key={a.controlId} grow align="flex-end" wrap="wrap">
            <Select
              label={`${a.controlId} ${controls.data?.find((c) => c.id === a.controlId)?.title[lang] ?? ''}`}
              data={['not_started', 'partial', 'implemented'].map((s) => ({ value: s, label: t(`soa.impl.${s}`) }))}
              value={a.status}
              allowDeselect={false}
              onChange={(v) => v && set(i, { status: v as StatusAnswer['status'] })}
            />
            <TextInput
              label={t('controlStatus.comment')}
              value={a.comment ?? ''}
              onChange={(e) => set(i, { comment: e.currentTarget.value })}
            />
          </Group>
        ))}
        <ProblemAlert error={send.error} />
        <Group justify="flex-end">
          <Button
            loading={send.isPending}
            onClick={() => send.mutate(undefined, { onSuccess: () => notifySuccess(t('controlStatus.answered')) })}
          >
            {t('controlStatus.sendAnswer')}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}

/** A request rolled up by site, each unit's answer, and the answer form for a unit the reader answers for. */
export function ControlStatusRequestPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'ja' ? 'ja' : 'en';
  const { id } = useParams({ from: '/app/control-status/$id' });
  const request = useStatusRequest(id);
  const canAnswer = useCan('control-status:answer');
  const [unitId, setUnitId] = useState<string | null>(null);
  const r = request.data;
  const unit = r?.units.find((u) => u.unit.id === unitId);
  const counts = (c: StatusRequest['totals']) =>
    `${t('controlStatus.answeredOf', { answered: c.answered, units: c.units })} · ${['implemented', 'partial', 'not_started']
      .map((s) => `${t(`soa.impl.${s}`)} ${c.statuses[s as 'implemented'] ?? 0}`)
      .join(' / ')}`;
  return (
    <Stack>
      <Title order={2}>{r?.title ?? t('controlStatus.title')}</Title>
      <ProblemAlert error={request.error} />
      {r && (
        <>
          <Text>
            {t('controlStatus.due')}: {r.dueDate} — {counts(r.totals)}
          </Text>
          <Table data-testid="status-sites">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('controlStatus.site')}</Table.Th>
                <Table.Th>{t('controlStatus.progress')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {r.sites.map((s) => (
                <Table.Tr key={s.site?.id ?? 'none'}>
                  <Table.Td>{s.site ? s.site.name[lang] : t('controlStatus.noSite')}</Table.Td>
                  <Table.Td>{counts(s)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          {canAnswer && (
            <Select
              label={t('controlStatus.answerUnit')}
              data={r.units.map((u) => ({ value: u.unit.id, label: u.unit.name[lang] }))}
              value={unitId}
              onChange={setUnitId}
              searchable
            />
          )}
          {unit && <AnswerForm key={`${unit.unit.id}-${unit.rowVersion}`} request={r} unit={unit} />}
          <Table data-testid="status-units">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('controlStatus.unit')}</Table.Th>
                <Table.Th>{t('controlStatus.state')}</Table.Th>
                <Table.Th>{t('controlStatus.answers')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {r.units.map((u) => (
                <Table.Tr key={u.unit.id}>
                  <Table.Td>{u.unit.name[lang]}</Table.Td>
                  <Table.Td>{t(`controlStatus.states.${u.status}`)}</Table.Td>
                  <Table.Td>{u.answers.map((a) => `${a.controlId} ${t(`soa.impl.${a.status}`)}`).join(', ') || '—'}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </>
      )}
    </Stack>
  );
}
