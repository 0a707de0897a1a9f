import { Button, Card, Group, NumberInput, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldError, notifySuccess, ProblemAlert } from '../../components/problem';
import { patch, type Thresholds, TIERS, usePartnerMutation, useThresholds } from './api';

/**
 * The pass mark per tier, set by the security office. A check sheet keeps the mark in force when it was
 * submitted, so a change applies to submissions from now on.
 */
export function ThresholdsCard({ canEdit }: { canEdit: boolean }) {
  const { t } = useTranslation();
  const current = useThresholds();
  const [edits, setEdits] = useState<Partial<Thresholds>>({});
  const save = usePartnerMutation(() => patch<Thresholds>('/partner-tiers', edits));
  if (!current.data) return <ProblemAlert error={current.error} />;
  const values = { ...current.data, ...edits };
  const dirty = TIERS.some((tier) => edits[tier] !== undefined && edits[tier] !== current.data[tier]);

  return (
    <Card withBorder data-testid="thresholds">
      <Stack gap="xs">
        <Title order={4}>{t('partners.thresholds.title')}</Title>
        <Text size="sm" c="dimmed">
          {t('partners.thresholds.help')}
        </Text>
        <Group align="flex-end">
          {TIERS.map((tier) => (
            <NumberInput
              key={tier}
              label={t(`partners.tier.${tier}`)}
              min={0}
              max={100}
              step={5}
              w={120}
              readOnly={!canEdit}
              value={values[tier]}
              onChange={(v) => setEdits({ ...edits, [tier]: typeof v === 'number' ? v : undefined })}
              error={fieldError(save.error, tier)}
              data-testid={`threshold-${tier}`}
            />
          ))}
          {canEdit && (
            <Button
              disabled={!dirty}
              loading={save.isPending}
              onClick={() =>
                save.mutate(undefined, {
                  onSuccess: () => {
                    setEdits({});
                    notifySuccess(t('common.saved'));
                  },
                })
              }
              data-testid="thresholds-save"
            >
              {t('common.save')}
            </Button>
          )}
        </Group>
        <ProblemAlert error={save.error} />
      </Stack>
    </Card>
  );
}
