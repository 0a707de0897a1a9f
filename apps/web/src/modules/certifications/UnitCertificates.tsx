import { Anchor, Group, Stack, Text, Title } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../app/useCan';
import { useUnitCertifications } from './api';

/** The certificates in force whose scope covers a unit (shown on the unit's panel of the org page). */
export function UnitCertificates({ unitId }: { unitId: string }) {
  const { t, i18n } = useTranslation();
  const canRead = useCan('certifications:read');
  const list = useUnitCertifications(unitId, canRead);
  if (!canRead || !list.data) return null;
  return (
    <Stack gap={4} data-testid="unit-certificates">
      <Title order={5}>{t('certifications.unitTitle')}</Title>
      {!list.data.length && (
        <Text size="sm" c="dimmed">
          {t('certifications.unitNone')}
        </Text>
      )}
      {list.data.map((c) => (
        <Group key={c.id} gap="xs" wrap="wrap" data-testid="unit-certificate">
          <Anchor component={Link} to={`/certifications/${c.id}`} size="sm">
            {[i18n.language === 'ja' ? c.standardNameJa : c.standardNameEn, c.edition].filter(Boolean).join(' · ')}
          </Anchor>
          <Text size="xs" c="dimmed">
            {c.registrationNumber} · {t('certifications.validUntil', { date: c.validTo })}
          </Text>
        </Group>
      ))}
    </Stack>
  );
}
