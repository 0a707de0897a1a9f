import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ProblemAlert } from './problem';

interface Props {
  opened: boolean;
  title: string;
  message: string;
  confirmLabel: string;
  onConfirm: () => void;
  onClose: () => void;
  pending: boolean;
  error?: unknown;
  children?: ReactNode;
  testId?: string;
}

export function ConfirmModal(p: Props) {
  const { t } = useTranslation();
  return (
    <Modal opened={p.opened} onClose={p.onClose} title={p.title} closeButtonProps={{ 'aria-label': t('common.close') }}>
      <Stack data-testid={p.testId}>
        <Text>{p.message}</Text>
        {p.children}
        <ProblemAlert error={p.error} />
        <Group justify="flex-end">
          <Button variant="default" onClick={p.onClose}>
            {t('common.cancel')}
          </Button>
          <Button
            color="red"
            onClick={p.onConfirm}
            loading={p.pending}
            data-testid={p.testId ? `${p.testId}-confirm` : undefined}
          >
            {p.confirmLabel}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
