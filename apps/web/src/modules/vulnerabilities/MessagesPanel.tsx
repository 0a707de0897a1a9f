import { Button, Card, Group, Paper, Stack, Text, Textarea, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { formatDateTime } from '../../components/names';
import { ProblemAlert } from '../../components/problem';
import { useCaseMutation, type VulnerabilityDetail } from './api';

/** The exchange with the reporter: what the PSIRT writes here appears on the reporter's tracking page. */
export function MessagesPanel({ vulnerability: c, canSend }: { vulnerability: VulnerabilityDetail; canSend: boolean }) {
  const { t, i18n } = useTranslation();
  const [body, setBody] = useState('');
  const send = useCaseMutation((text: string) =>
    api<VulnerabilityDetail>(`/vulnerabilities/${c.id}/messages`, { method: 'POST', json: { body: text } }),
  );
  return (
    <Paper withBorder p="md" data-testid="vulnerability-messages">
      <Title order={4} mb="sm">
        {t('psirtCases.messages.title')}
      </Title>
      <Stack gap="xs">
        {c.messages.length === 0 && (
          <Text size="sm" c="dimmed">
            {t('psirtCases.messages.none')}
          </Text>
        )}
        {c.messages.map((m) => (
          <Card
            key={m.id}
            withBorder
            padding="sm"
            bg={m.from === 'psirt' ? 'var(--mantine-color-blue-light)' : undefined}
            data-testid="vulnerability-message"
            data-from={m.from}
          >
            <Text size="xs" c="dimmed">
              {t(m.from === 'psirt' ? 'psirtCases.messages.fromPsirt' : 'psirtCases.messages.fromReporter')} ·{' '}
              {formatDateTime(m.createdAt, i18n.language)}
            </Text>
            <Text size="sm" style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>
              {m.body}
            </Text>
          </Card>
        ))}
        {canSend && (
          <>
            <Textarea
              label={t('psirtCases.messages.reply')}
              description={t('psirtCases.messages.replyHelp')}
              value={body}
              onChange={(e) => setBody(e.currentTarget.value)}
              autosize
              minRows={3}
              maxLength={20_000}
              data-testid="message-input"
            />
            <ProblemAlert error={send.error} />
            <Group>
              <Button
                disabled={!body.trim()}
                loading={send.isPending}
                onClick={() => send.mutate(body.trim(), { onSuccess: () => setBody('') })}
                data-testid="message-send"
              >
                {t('psirtCases.messages.send')}
              </Button>
            </Group>
          </>
        )}
      </Stack>
    </Paper>
  );
}
