import { Badge, Button, Card, Group, Loader, Stack, Text, Textarea } from '@mantine/core';
import { useParams } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PublicLayout } from '../../app/PublicLayout';
import { formatDateTime } from '../../components/names';
import { ProblemAlert } from '../../components/problem';
import { useSendTrackingMessage, useTracking } from './api';

/** The reporter follows their report and writes to the PSIRT through the secret link (no account). */
export function TrackingPage() {
  const { t, i18n } = useTranslation();
  const { token } = useParams({ strict: false }) as { token: string };
  const view = useTracking(token);
  const send = useSendTrackingMessage(token);
  const [body, setBody] = useState('');
  return (
    <PublicLayout title={t('psirt.tracking.title')} width={640}>
      {view.isLoading && <Loader />}
      <ProblemAlert error={view.error} />
      {view.data && (
        <Stack data-testid="tracking">
          <Group>
            <Text size="sm">{t('psirt.tracking.status')}</Text>
            <Badge data-testid="tracking-status">{t(`psirt.tracking.statuses.${view.data.status}`)}</Badge>
          </Group>
          {view.data.messages.length === 0 && (
            <Text size="sm" c="dimmed">
              {t('psirt.tracking.noMessages')}
            </Text>
          )}
          {view.data.messages.map((m) => (
            <Card key={m.id} withBorder padding="sm" data-testid="tracking-message">
              <Text size="xs" c="dimmed">
                {t(m.from === 'psirt' ? 'psirt.tracking.fromPsirt' : 'psirt.tracking.fromYou')} ·{' '}
                {formatDateTime(m.createdAt, i18n.language)}
              </Text>
              <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                {m.body}
              </Text>
            </Card>
          ))}
          <Textarea
            label={t('psirt.tracking.message')}
            value={body}
            onChange={(e) => setBody(e.currentTarget.value)}
            autosize
            minRows={3}
            data-testid="tracking-input"
          />
          <ProblemAlert error={send.error} />
          <Group>
            <Button
              disabled={!body.trim()}
              loading={send.isPending}
              onClick={() => send.mutate(body, { onSuccess: () => setBody('') })}
              data-testid="tracking-send"
            >
              {t('psirt.tracking.send')}
            </Button>
          </Group>
        </Stack>
      )}
    </PublicLayout>
  );
}
