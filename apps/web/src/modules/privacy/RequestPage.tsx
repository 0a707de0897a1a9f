import { Anchor, Badge, Button, Card, Group, Select, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { Table } from '../../components/Table';
import { useParams } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { buildUrl } from '../../api/client';
import { formatDateTime } from '../../components/names';
import { ProblemAlert } from '../../components/problem';
import { answerRequest, extendRequest, updateRequest, usePrivacyMutation, useRequest } from './api';

const IDENTITY = ['id_document', 'account_login', 'registered_contact', 'in_person', 'agent_power'];
const OUTCOMES = ['granted', 'partially_granted', 'refused', 'no_data'];
const clockColor: Record<string, string> = {
  pending: 'blue',
  due_soon: 'yellow',
  overdue: 'red',
  met: 'green',
  met_late: 'orange',
  waived: 'gray',
  not_applicable: 'gray',
};

/** One request: its clocks (APPI, GDPR), the identity check, the answer and the answer letter. */
export function RequestPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'ja' ? 'ja' : 'en';
  const { id } = useParams({ strict: false }) as { id: string };
  const req = useRequest(id);
  const update = usePrivacyMutation(updateRequest);
  const answer = usePrivacyMutation(answerRequest);
  const extend = usePrivacyMutation(extendRequest);
  const [extensionReason, setExtensionReason] = useState('');
  const [method, setMethod] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<string | null>('granted');
  const [text, setText] = useState('');
  const [lateReason, setLateReason] = useState('');
  const r = req.data;
  if (!r) return <ProblemAlert error={req.error} />;
  const open = !['answered', 'declined', 'withdrawn'].includes(r.status);
  return (
    <Stack>
      <Title order={2}>
        {r.reference} — {t(`privacy.types.${r.type}`)}
      </Title>
      <Group gap="xs">
        <Badge data-testid="request-status">{t(`privacy.status.${r.status}`)}</Badge>
        {r.laws.map((l) => (
          <Badge key={l} variant="outline">
            {l.toUpperCase()}
          </Badge>
        ))}
      </Group>
      <Card withBorder>
        <Text>
          {t('privacy.requests.requester')}: {r.requesterName} ({r.requesterContact}, {r.requesterCountry})
        </Text>
        <Text>
          {t('privacy.requests.received')}: {formatDateTime(r.receivedAt, i18n.language)} / {t(`privacy.channel.${r.channel}`)}
        </Text>
        {r.unitName && (
          <Text>
            {t('privacy.fields.unit')}: {r.unitName[lang]}
          </Text>
        )}
        <Text style={{ whiteSpace: 'pre-wrap' }}>{r.details}</Text>
      </Card>
      <Card withBorder>
        <Text fw={600}>{t('privacy.requests.clocks')}</Text>
        <Table data-testid="request-clocks">
          <Table.Tbody>
            {r.clocks.map((c) => (
              <Table.Tr key={c.ruleId} data-testid="request-clock">
                <Table.Td>{c.title[lang]}</Table.Td>
                <Table.Td>
                  {formatDateTime(c.dueAt, i18n.language)}
                  {c.extended && (
                    <Badge ml="xs" variant="light" color="grape" data-testid="request-clock-extended">
                      {t('privacy.requests.extendedClock')}
                    </Badge>
                  )}
                </Table.Td>
                <Table.Td>
                  <Badge color={clockColor[c.status]} data-testid="request-clock-status">
                    {t(`privacy.clock.${c.status}`)}
                  </Badge>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Card>
      {(r.extension || r.canExtend) && (
        <Card withBorder data-testid="request-extension">
          <Text fw={600}>{t('privacy.requests.extension')}</Text>
          {r.extension ? (
            <Stack gap={4}>
              <Text>
                {t('privacy.requests.extended', { at: formatDateTime(r.extension.at, i18n.language), by: r.extension.by })}
              </Text>
              <Text style={{ whiteSpace: 'pre-wrap' }}>{r.extension.reason}</Text>
              <Text c={r.extension.told === 'mail' ? 'dimmed' : 'orange'}>
                {r.extension.told === 'mail'
                  ? t('privacy.requests.toldMail')
                  : t('privacy.requests.toldOther', { contact: r.requesterContact })}
              </Text>
            </Stack>
          ) : (
            <Stack>
              <Text size="sm" c="dimmed">
                {t('privacy.requests.extensionIntro')}
              </Text>
              <Textarea
                label={t('privacy.requests.extensionReason')}
                autosize
                minRows={2}
                value={extensionReason}
                onChange={(e) => setExtensionReason(e.currentTarget.value)}
                data-testid="extension-reason"
              />
              <Button
                w="fit-content"
                variant="default"
                loading={extend.isPending}
                data-testid="extension-send"
                onClick={() => extend.mutate({ id, version: r.rowVersion, body: { reason: extensionReason } })}
              >
                {t('privacy.requests.extend')}
              </Button>
            </Stack>
          )}
          <ProblemAlert error={extend.error} />
        </Card>
      )}
      <Card withBorder>
        <Text fw={600}>{t('privacy.requests.identity')}</Text>
        {r.identity ? (
          <Text data-testid="request-identity">
            {t(`privacy.identity.${r.identity.method}`)} — {r.identity.checkedBy},{' '}
            {formatDateTime(r.identity.checkedAt, i18n.language)}
          </Text>
        ) : (
          open && (
            <Group align="flex-end">
              <Select
                label={t('privacy.requests.identityMethod')}
                data={IDENTITY.map((m) => ({ value: m, label: t(`privacy.identity.${m}`) }))}
                value={method}
                onChange={setMethod}
                data-testid="identity-method"
              />
              <Button
                disabled={!method}
                loading={update.isPending}
                data-testid="identity-record"
                onClick={() => update.mutate({ id, version: r.rowVersion, body: { identity: { method } } })}
              >
                {t('privacy.requests.recordIdentity')}
              </Button>
            </Group>
          )
        )}
        <ProblemAlert error={update.error} />
      </Card>
      <Card withBorder>
        <Text fw={600}>{t('privacy.requests.answer')}</Text>
        {r.answeredAt ? (
          <Stack gap="xs">
            <Text>
              {t(`privacy.outcome.${r.outcome}`)} — {formatDateTime(r.answeredAt, i18n.language)}
            </Text>
            <Text style={{ whiteSpace: 'pre-wrap' }}>{r.answer}</Text>
            {r.lateReason && <Text c="orange">{r.lateReason}</Text>}
            <Group>
              <Anchor href={buildUrl(`/privacy-requests/${r.id}/letter.pdf`, { lang: 'ja' })} data-testid="request-letter">
                {t('privacy.requests.letter')} (日本語)
              </Anchor>
              <Anchor href={buildUrl(`/privacy-requests/${r.id}/letter.pdf`, { lang: 'en' })}>
                {t('privacy.requests.letter')} (English)
              </Anchor>
            </Group>
          </Stack>
        ) : (
          open && (
            <Stack>
              <Select
                label={t('privacy.requests.outcome')}
                data={OUTCOMES.map((o) => ({ value: o, label: t(`privacy.outcome.${o}`) }))}
                value={outcome}
                onChange={setOutcome}
              />
              <Textarea
                label={t('privacy.requests.answerText')}
                autosize
                minRows={3}
                value={text}
                onChange={(e) => setText(e.currentTarget.value)}
                data-testid="answer-text"
              />
              <TextInput
                label={t('privacy.requests.lateReason')}
                value={lateReason}
                onChange={(e) => setLateReason(e.currentTarget.value)}
              />
              <Button
                w="fit-content"
                loading={answer.isPending}
                data-testid="answer-send"
                onClick={() => answer.mutate({ id, version: r.rowVersion, body: { outcome, answer: text, lateReason } })}
              >
                {t('privacy.requests.sendAnswer')}
              </Button>
              <ProblemAlert error={answer.error} />
            </Stack>
          )
        )}
      </Card>
    </Stack>
  );
}
