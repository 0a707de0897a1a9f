import { Button, Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../components/names';
import { ProblemAlert } from '../../components/problem';
import { type CraReporting, useCraUserNotice } from './cra-api';

/**
 * CRA art. 14(8): when a stage of the case asks users to be informed, the notice is drafted as the case's advisory
 * (ja and en, from the case) and published through the normal advisory flow; here, its state and the stage it answers.
 */
export function CraUserNoticeBlock({ caseId, data, canReport }: { caseId: string; data: CraReporting; canReport: boolean }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'ja' ? 'ja' : 'en';
  const create = useCraUserNotice(caseId);
  const n = data.userNotice;
  const stage = (ruleId: string | null) => data.deadlines.find((d) => d.ruleId === ruleId)?.title[lang] ?? ruleId ?? '';
  return (
    <Stack gap={4} data-testid="cra-user-notice">
      <Text size="sm" fw={600}>
        {t('cra.userNotice.title')}
      </Text>
      {n.draft ? (
        <Text size="sm" data-testid="cra-user-notice-state">
          {t('cra.userNotice.drafted', { at: formatDateTime(n.draft.createdAt, i18n.language), stage: stage(n.draft.craRuleId) })}{' '}
          {n.draft.advisoryTrackingId
            ? t('cra.userNotice.published', { trackingId: n.draft.advisoryTrackingId })
            : t('cra.userNotice.unpublished')}
        </Text>
      ) : n.askedBy.length ? (
        <>
          <Text size="xs" c="dimmed">
            {t('cra.userNotice.help')}
          </Text>
          {canReport && (
            <Group>
              <Button size="xs" loading={create.isPending} onClick={() => create.mutate({})} data-testid="cra-user-notice-create">
                {t('cra.userNotice.create')}
              </Button>
            </Group>
          )}
        </>
      ) : (
        <Text size="sm" c="dimmed">
          {t('cra.userNotice.notAsked')}
        </Text>
      )}
      <ProblemAlert error={create.error} />
    </Stack>
  );
}
