import { Anchor, Badge, Button, Card, Group, Select, Stack, Text, Textarea, Timeline, Title } from '@mantine/core';
import { STEP_KINDS } from '@mamori/contracts';
import { Link, useParams } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { useCan } from '../../app/useCan';
import { useLocalName } from '../../components/names';
import { AssetMultiSelect, type AssetRef } from '../assets/AssetMultiSelect';
import { notifySuccess, ProblemAlert } from '../../components/problem';
import { type BusinessFlow, updateFlow, useFlow, useRiskMutation } from './api';
import { LevelBadge } from './LevelBadge';

type StepDraft = { id?: string; kind: string; description: string; assets: AssetRef[] };

/** One flow analysis: the steps as a timeline with the assets handled and the risks recorded on each. */
export function FlowPage() {
  const { id } = useParams({ strict: false }) as { id: string };
  const flow = useFlow(id);
  if (flow.error) return <ProblemAlert error={flow.error} />;
  if (!flow.data) return null;
  return <FlowView key={flow.data.rowVersion} flow={flow.data} />;
}

function FlowView({ flow }: { flow: BusinessFlow }) {
  const { t } = useTranslation();
  const name = useLocalName();
  const [steps, setSteps] = useState<StepDraft[]>(
    flow.steps.map((s) => ({ id: s.id, kind: s.kind, description: s.description, assets: s.assets })),
  );
  const canReadAssets = useCan('assets:read');
  const save = useRiskMutation(() =>
    updateFlow(
      flow.id,
      { steps: steps.map(({ assets, ...s }) => ({ ...s, assetIds: assets.map((a) => a.id) })) as never },
      flow.rowVersion,
    ),
  );
  const errors = save.error instanceof ApiError ? save.error.fieldErrors() : {};
  const byId = new Map(flow.steps.map((s) => [s.id, s]));
  const edit = (i: number, patch: Partial<StepDraft>) => setSteps((all) => all.map((s, j) => (j === i ? { ...s, ...patch } : s)));

  return (
    <Stack maw={960}>
      <Anchor component={Link} to="/business-flows" size="sm">
        {t('risks.flows.title')}
      </Anchor>
      <Title order={2}>{flow.name}</Title>
      <Text size="sm">{name({ nameJa: flow.unitNameJa, nameEn: flow.unitName })}</Text>
      {flow.description && <Text>{flow.description}</Text>}
      <ProblemAlert error={save.error} />
      <Timeline bulletSize={20} lineWidth={2} data-testid="flow-steps">
        {steps.map((s, i) => {
          const saved = s.id ? byId.get(s.id) : undefined;
          return (
            <Timeline.Item
              key={s.id ?? `new-${i}`}
              title={`${i + 1}. ${t(`risks.stepKind.${s.kind}`)}`}
              data-testid={`flow-step-${i}`}
            >
              <Card withBorder mt="xs">
                <Stack gap="xs">
                  <Group align="flex-end" wrap="wrap">
                    <Select
                      label={t('risks.flows.kind')}
                      value={s.kind}
                      onChange={(v) => edit(i, { kind: v ?? 'use' })}
                      data={STEP_KINDS.map((k) => ({ value: k, label: t(`risks.stepKind.${k}`) }))}
                      w={140}
                    />
                    <Button
                      variant="subtle"
                      color="red.9"
                      size="xs"
                      onClick={() => setSteps((all) => all.filter((_, j) => j !== i))}
                    >
                      {t('risks.flows.removeStep')}
                    </Button>
                  </Group>
                  <Textarea
                    label={t('risks.flows.stepDescription')}
                    value={s.description}
                    onChange={(e) => edit(i, { description: e.currentTarget.value })}
                    error={errors[`steps.${i}.description`]}
                    autosize
                  />
                  {canReadAssets ? (
                    <AssetMultiSelect
                      label={t('risks.flows.assets')}
                      unitId={flow.unitId}
                      value={s.assets}
                      onChange={(assets) => edit(i, { assets })}
                      error={Object.entries(errors).find(([k]) => k.startsWith(`steps.${i}.assetIds`))?.[1]}
                      testId={`flow-step-assets-${i}`}
                    />
                  ) : (
                    saved &&
                    saved.assets.length > 0 && (
                      <Group gap={4}>
                        <Text size="sm">{t('risks.flows.assets')}:</Text>
                        {saved.assets.map((a) => (
                          <Badge key={a.id} variant="outline" color="gray.9">
                            {a.name}
                          </Badge>
                        ))}
                      </Group>
                    )
                  )}
                  {saved && (
                    <Stack gap={4} data-testid={`flow-step-risks-${i}`}>
                      <Text size="sm" fw={700}>
                        {t('risks.flows.risks')}
                      </Text>
                      {saved.risks.length === 0 && <Text size="sm">{t('risks.flows.noRisks')}</Text>}
                      {saved.risks.map((r) => (
                        <Group key={r.id} gap="xs">
                          <LevelBadge level={r.residualLevel} />
                          <Anchor component={Link} to={`/risks/${r.id}`} size="sm">
                            {r.title}
                          </Anchor>
                        </Group>
                      ))}
                      <Group>
                        <Button
                          component={Link}
                          to="/risks/new"
                          search={{ flowId: flow.id, stepId: saved.id, unitId: flow.unitId } as never}
                          size="xs"
                          variant="light"
                          data-testid={`flow-step-add-risk-${i}`}
                        >
                          {t('risks.flows.addRisk')}
                        </Button>
                      </Group>
                    </Stack>
                  )}
                </Stack>
              </Card>
            </Timeline.Item>
          );
        })}
      </Timeline>
      <Group>
        <Button
          variant="default"
          onClick={() => setSteps((all) => [...all, { kind: 'use', description: '', assets: [] }])}
          data-testid="flow-add-step"
        >
          {t('risks.flows.addStep')}
        </Button>
        <Button
          onClick={() => save.mutate(undefined, { onSuccess: () => notifySuccess(t('common.saved')) })}
          loading={save.isPending}
          data-testid="flow-save"
        >
          {t('risks.flows.saveSteps')}
        </Button>
      </Group>
    </Stack>
  );
}
