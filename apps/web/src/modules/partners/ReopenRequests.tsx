import { Badge, Card, Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../components/names';
import type { ReopenRequest } from './api';

const COLOR = { pending: 'orange', approved: 'green', refused: 'red' } as const;

export function ReopenStatusBadge({ status }: { status: ReopenRequest['status'] }) {
  const { t } = useTranslation();
  return (
    <Badge color={COLOR[status]} variant="light" data-testid="reopen-status" data-status={status}>
      {t(`partners.reopen.status.${status}`)}
    </Badge>
  );
}

/** The reopen requests of one check sheet, newest first: what was asked, and what the office answered. */
export function ReopenRequestList({ requests }: { requests: ReopenRequest[] }) {
  const { t, i18n } = useTranslation();
  if (!requests.length) return null;
  return (
    <Stack gap="xs" data-testid="reopen-requests">
      {requests.map((r) => {
        const refused = r.status === 'refused';
        return (
          <Card withBorder key={r.id} padding="sm" data-testid="reopen-request" data-status={r.status}>
            <Group justify="space-between">
              <Text size="sm" fw={500}>
                {t('partners.reopen.asked', {
                  when: formatDateTime(r.requestedAt, i18n.language),
                  who: r.requestedByName ?? '—',
                })}
              </Text>
              <ReopenStatusBadge status={r.status} />
            </Group>
            <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
              {r.reason}
            </Text>
            {r.decidedAt && (
              <Text size="sm" c={refused ? 'red.9' : 'dimmed'} data-testid="reopen-decision">
                {t(refused ? 'partners.reopen.refusedOn' : 'partners.reopen.approvedOn', {
                  when: formatDateTime(r.decidedAt, i18n.language),
                })}
                {r.decisionReason ? `: ${r.decisionReason}` : ''}
              </Text>
            )}
          </Card>
        );
      })}
    </Stack>
  );
}
