import { Alert, Button, Group, Paper, Select, Stepper, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { notifySuccess, ProblemAlert } from '../../components/problem';
import { patch, type Product, STAGES, useProductMutation } from './api';

/**
 * The product's lifecycle stage. Leaving a stage needs the threat analysis reviewed at that stage's gate;
 * the server refuses otherwise, and its reason is shown here.
 */
export function StagePanel({ product, canManage }: { product: Product; canManage: boolean }) {
  const { t } = useTranslation();
  const [next, setNext] = useState<string | null>(null);
  const move = useProductMutation((stage: string) => patch<Product>(`/products/${product.id}`, { stage }, product.rowVersion));
  return (
    <Paper withBorder p="md" data-testid="product-stage-panel">
      <Title order={4} mb="sm">
        {t('products.stagePanel.title')}
      </Title>
      <Stepper active={STAGES.indexOf(product.stage)} size="xs" allowNextStepsSelect={false}>
        {STAGES.map((s) => (
          <Stepper.Step key={s} label={t(`products.stage.${s}`)} />
        ))}
      </Stepper>
      {canManage && (
        <Group align="flex-end" mt="md">
          <Select
            label={t('products.stagePanel.moveTo')}
            value={next}
            onChange={setNext}
            data={STAGES.filter((s) => s !== product.stage).map((s) => ({ value: s, label: t(`products.stage.${s}`) }))}
            data-testid="stage-select"
          />
          <Button
            disabled={!next}
            loading={move.isPending}
            onClick={() =>
              next &&
              move.mutate(next, {
                onSuccess: () => {
                  notifySuccess(t('common.saved'));
                  setNext(null);
                },
              })
            }
            data-testid="stage-move"
          >
            {t('products.stagePanel.move')}
          </Button>
          <Text size="xs" c="dimmed" maw={420}>
            {t('products.stagePanel.gateHelp')}
          </Text>
        </Group>
      )}
      {move.error instanceof ApiError && move.error.status === 409 ? (
        <Alert color="red" mt="sm" title={t('products.stagePanel.refused')} data-testid="stage-refusal">
          {t('products.stagePanel.refusedDetail', { stage: t(`products.stage.${product.stage}`) })}
        </Alert>
      ) : (
        <ProblemAlert error={move.error} testId="stage-refusal" />
      )}
    </Paper>
  );
}
