import { Button, Group, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldError, notifySuccess, ProblemAlert } from '../../components/problem';
import { AccountSelect } from '../accounts/AccountSelect';
import { type ImprovementRequest, patch, usePartnerMutation } from './api';
import { DateField } from '../../components/dates/DateField';

/** Who follows the request up for the office, and by when; the office changes both until it is accepted. */
export function ImprovementSchedule({ ir, canEdit }: { ir: ImprovementRequest; canEdit: boolean }) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState(false);
  const [ownerId, setOwnerId] = useState<string | null>(ir.ownerId);
  const [dueOn, setDueOn] = useState(ir.dueOn);
  const save = usePartnerMutation(() =>
    patch<ImprovementRequest>(`/improvement-requests/${ir.id}`, { ownerId, dueOn }, ir.rowVersion),
  );
  const editable = canEdit && ir.status !== 'accepted';

  if (!editing)
    return (
      <Group gap="xs" data-testid="ir-schedule">
        {canEdit && (
          <Text size="sm" data-testid="ir-owner">
            {t('partners.ir.owner')}: {ir.ownerName ?? t('partners.ir.noOwner')}
          </Text>
        )}
        {editable && (
          <Button
            size="compact-xs"
            variant="subtle"
            onClick={() => {
              setOwnerId(ir.ownerId);
              setDueOn(ir.dueOn);
              setEditing(true);
            }}
            data-testid="ir-schedule-edit"
          >
            {t('partners.ir.changeSchedule')}
          </Button>
        )}
      </Group>
    );
  return (
    <>
      <Group align="flex-end" mt="xs">
        <AccountSelect label={t('partners.ir.owner')} value={ownerId} onChange={setOwnerId} testId="ir-owner-select" />
        <DateField
          label={t('partners.fields.dueOn')}
          required
          value={dueOn}
          onChange={(v) => setDueOn(v)}
          error={fieldError(save.error, 'dueOn')}
          data-testid="ir-due"
        />
        <Button
          loading={save.isPending}
          disabled={!dueOn}
          onClick={() =>
            save.mutate(undefined, {
              onSuccess: () => {
                setEditing(false);
                notifySuccess(t('common.saved'));
              },
            })
          }
          data-testid="ir-schedule-save"
        >
          {t('common.save')}
        </Button>
        <Button variant="default" onClick={() => setEditing(false)}>
          {t('common.cancel')}
        </Button>
      </Group>
      {fieldError(save.error, 'ownerId') && (
        <Text c="red.9" size="xs">
          {t('partners.ir.owner')}: {fieldError(save.error, 'ownerId')}
        </Text>
      )}
      <ProblemAlert error={save.error} />
    </>
  );
}
