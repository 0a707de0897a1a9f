import { Button, Card, Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useMe } from '../auth/api';
import { formatDateTime, useLocalName } from '../../components/names';
import type { Risk } from './api';

/** Who accepted the residual risk, or who may (its owner), with the button for the owner. */
export function RiskAcceptanceCard({ risk, accept, accepting }: { risk: Risk; accept: () => void; accepting: boolean }) {
  const { t, i18n } = useTranslation();
  const name = useLocalName();
  const { data: me } = useMe();
  return (
    <Card withBorder data-testid="risk-acceptance">
      {risk.acceptedAt ? (
        <Text data-testid="risk-accepted">
          {t('risks.acceptedBy', { name: risk.acceptedByName ?? '', at: formatDateTime(risk.acceptedAt, i18n.language) })}
        </Text>
      ) : risk.acceptable && me?.user.personId !== risk.ownerId ? (
        <Text size="sm" data-testid="risk-awaiting-owner">
          {t('risks.awaitingOwner', { name: name({ nameJa: risk.ownerNameJa, nameEn: risk.ownerName }) })}
        </Text>
      ) : risk.acceptable ? (
        <Stack gap="xs">
          <Text size="sm">{t('risks.acceptHelp')}</Text>
          <Group>
            <Button variant="outline" onClick={accept} loading={accepting} data-testid="risk-accept">
              {t('risks.accept')}
            </Button>
          </Group>
        </Stack>
      ) : (
        <Text size="sm">{t('risks.notAcceptable')}</Text>
      )}
    </Card>
  );
}
