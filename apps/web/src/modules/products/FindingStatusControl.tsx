import { Alert, Button, Group, Modal, Select, Stack, Text, Textarea } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldError, notifySuccess, ProblemAlert } from '../../components/problem';
import { useMe } from '../auth/api';
import { FINDING_STATUSES, type Finding, patch, releasePath, useProductMutation } from './api';

interface Props {
  productId: string;
  releaseId: string;
  finding: Finding;
}

/**
 * Changes a finding's fix status. Accepting the risk asks for the reason; the person who confirms is
 * recorded as the named approver (the server takes the signed-in user, not a name typed here).
 */
export function FindingStatusControl({ productId, releaseId, finding }: Props) {
  const { t } = useTranslation();
  const me = useMe();
  const [accepting, setAccepting] = useState(false);
  const [reason, setReason] = useState('');
  const update = useProductMutation((body: { status: Finding['status']; acceptanceReason?: string }) =>
    patch<Finding>(`${releasePath(productId, releaseId)}/findings/${finding.id}`, body),
  );
  const change = (status: string | null) => {
    if (!status || status === finding.status) return;
    if (status === 'risk_accepted') return setAccepting(true);
    update.mutate({ status: status as Finding['status'] }, { onSuccess: () => notifySuccess(t('common.saved')) });
  };
  return (
    <>
      <Select
        size="xs"
        w={170}
        allowDeselect={false}
        value={finding.status}
        onChange={change}
        data={FINDING_STATUSES.map((s) => ({ value: s, label: t(`products.findingStatus.${s}`) }))}
        aria-label={t('products.fields.findingStatus')}
        data-testid="finding-status-select"
      />
      {!accepting && <ProblemAlert error={update.error} />}
      <Modal opened={accepting} onClose={() => setAccepting(false)} title={t('products.findings.acceptTitle')}>
        <Stack data-testid="risk-accept">
          <Text size="sm">{finding.title}</Text>
          <Alert color="grape">{t('products.findings.approverNote', { approver: me.data?.user.email ?? '' })}</Alert>
          <Textarea
            label={t('products.fields.acceptanceReason')}
            required
            autosize
            minRows={3}
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            error={fieldError(update.error, 'acceptanceReason')}
            data-testid="risk-accept-reason"
          />
          <ProblemAlert error={update.error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setAccepting(false)}>
              {t('common.cancel')}
            </Button>
            <Button
              color="grape"
              loading={update.isPending}
              onClick={() =>
                update.mutate(
                  { status: 'risk_accepted', acceptanceReason: reason },
                  {
                    onSuccess: () => {
                      notifySuccess(t('products.findings.accepted'));
                      setAccepting(false);
                    },
                  },
                )
              }
              data-testid="risk-accept-confirm"
            >
              {t('products.findings.acceptConfirm')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
