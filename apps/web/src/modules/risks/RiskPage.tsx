import {
  Alert,
  Anchor,
  Button,
  Card,
  Group,
  MultiSelect,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { ANNEX_A_CONTROLS, levelOf, RISK_STATUSES, TREATMENTS, type RiskMethod } from '@mamori/contracts';
import { Link, useNavigate, useParams, useSearch } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { useCan } from '../../app/useCan';
import { AssetMultiSelect } from '../assets/AssetMultiSelect';
import { useLocalName } from '../../components/names';
import { notifySuccess, ProblemAlert } from '../../components/problem';
import { OrgUnitSelect } from '../org/OrgUnitSelect';
import { PersonSelect } from '../org/PersonSelect';
import {
  acceptRisk,
  createRisk,
  createStepRisk,
  type Risk,
  updateRisk,
  useMethod,
  useRisk,
  useRiskMutation,
  useThreats,
} from './api';
import { LevelBadge } from './LevelBadge';
import { RiskAcceptanceCard } from './RiskAcceptanceCard';
import { empty, type Form, fromRisk, toInput } from './risk-form';
import { ScalePair } from './ScalePair';
import { DateField } from '../../components/dates/DateField';

export function NewRiskPage() {
  const search = useSearch({ strict: false }) as { flowId?: string; stepId?: string; unitId?: string };
  return (
    <RiskForm
      flow={search.flowId && search.stepId ? { flowId: search.flowId, stepId: search.stepId } : undefined}
      unitId={search.unitId}
    />
  );
}

export function RiskPage() {
  const { id } = useParams({ strict: false }) as { id: string };
  const risk = useRisk(id);
  if (risk.error) return <ProblemAlert error={risk.error} />;
  if (!risk.data) return null;
  return <RiskForm key={`${risk.data.id}-${risk.data.rowVersion}`} risk={risk.data} />;
}

/** The assessment form: scales of the risk's method (or the unit's, for a new risk) as selects with their labels. */
function RiskForm({
  risk,
  flow,
  unitId,
}: {
  risk?: Risk;
  flow?: { flowId: string; stepId: string };
  unitId?: string | undefined;
}) {
  const { t, i18n } = useTranslation();
  const name = useLocalName();
  const navigate = useNavigate();
  const canManage = useCan('risks:manage');
  const canReadAssets = useCan('assets:read');
  const [form, setForm] = useState<Form>(risk ? fromRisk(risk) : { ...empty, unitId: unitId ?? null });
  const effective = useMethod(form.unitId);
  const method: RiskMethod | undefined = risk ? risk.method : effective.data?.value;
  const threats = useThreats();
  const set =
    <K extends keyof Form>(k: K) =>
    (v: Form[K]) =>
      setForm((f) => ({ ...f, [k]: v }));
  const label = (l: { labelJa: string; labelEn: string }) => (i18n.language === 'ja' ? l.labelJa : l.labelEn);
  const threat = threats.data?.threats.find((x) => x.id === form.threatId);

  const body = () => toInput(form);
  const save = useRiskMutation(async () => {
    if (risk) return updateRisk(risk.id, body(), risk.rowVersion);
    if (flow) return createStepRisk(flow.flowId, flow.stepId, body());
    return createRisk({ ...body(), unitId: form.unitId ?? '' });
  });
  const accept = useRiskMutation(() => acceptRisk(risk!.id, risk!.rowVersion));
  const errors = save.error instanceof ApiError ? save.error.fieldErrors() : {};

  const scale = (axis: 'likelihood' | 'impact') =>
    (method?.[axis] ?? []).map((l) => ({ value: String(l.value), label: `${l.value} ${label(l)}` }));
  const levelFor = (l: string | null, i: string | null) => (method && l && i ? levelOf(method, Number(l), Number(i)) : undefined);
  const inherent = levelFor(form.inherentLikelihood, form.inherentImpact);
  const residual = levelFor(form.residualLikelihood, form.residualImpact);
  const readOnly = !canManage;

  const submit = () =>
    save.mutate(undefined, {
      onSuccess: (r) => {
        notifySuccess(t('risks.saved'));
        if (!risk) void navigate({ to: '/risks/$id', params: { id: r.id } });
      },
    });

  return (
    <Stack maw={960}>
      <Anchor component={Link} to="/risks" size="sm">
        {t('risks.back')}
      </Anchor>
      <Title order={2}>{risk ? risk.title : t('risks.new')}</Title>
      {risk && effective.data && risk.methodVersion !== effective.data.version && (
        <Alert color="gray" data-testid="risk-older-method">
          {t('risks.olderMethod', { version: risk.methodVersion, scope: risk.methodScope })}
        </Alert>
      )}
      {(risk?.flowId || flow) && <Text size="sm">{t('risks.flowStep')}</Text>}
      <ProblemAlert error={save.error ?? accept.error} />
      <Card withBorder>
        <Stack>
          <Title order={3}>{t('risks.section.scenario')}</Title>
          {!risk && !flow && (
            <OrgUnitSelect
              label={t('risks.field.unit')}
              required
              value={form.unitId}
              onChange={(v) => setForm((f) => ({ ...f, unitId: v, assets: [] }))}
              error={errors.unitId}
              testId="risk-unit"
            />
          )}
          <TextInput
            label={t('risks.field.title')}
            required
            value={form.title}
            onChange={(e) => set('title')(e.currentTarget.value)}
            error={errors.title}
            readOnly={readOnly}
            data-testid="risk-title"
          />
          <Textarea
            label={t('risks.field.description')}
            value={form.description}
            onChange={(e) => set('description')(e.currentTarget.value)}
            error={errors.description}
            readOnly={readOnly}
            autosize
            minRows={2}
          />
          <Select
            label={t('risks.field.threat')}
            required
            searchable
            value={form.threatId}
            onChange={set('threatId')}
            error={errors.threatId}
            readOnly={readOnly}
            data={(threats.data?.categories ?? []).map((c) => ({
              group: name({ nameJa: c.nameJa, nameEn: c.nameEn }),
              items: (threats.data?.threats ?? [])
                .filter((x) => x.category === c.id)
                .map((x) => ({ value: x.id, label: name({ nameJa: x.nameJa, nameEn: x.nameEn }) })),
            }))}
            data-testid="risk-threat"
          />
          {threat && <Text size="sm">{i18n.language === 'ja' ? threat.descriptionJa : threat.descriptionEn}</Text>}
          <Select
            label={t('risks.field.vulnerability')}
            searchable
            value={form.vulnerability || null}
            onChange={(v) => set('vulnerability')(v ?? '')}
            error={errors.vulnerability}
            readOnly={readOnly}
            data={[
              ...new Set([
                ...(threat?.vulnerabilities ?? []).map((v) => (i18n.language === 'ja' ? v.ja : v.en)),
                ...(form.vulnerability ? [form.vulnerability] : []),
              ]),
            ]}
            data-testid="risk-vulnerability"
          />
          {canReadAssets ? (
            <AssetMultiSelect
              label={t('risks.field.assets')}
              unitId={form.unitId}
              value={form.assets}
              onChange={set('assets')}
              error={Object.entries(errors).find(([k]) => k === 'assetIds' || k.startsWith('assetIds.'))?.[1]}
              readOnly={readOnly}
              testId="risk-assets"
            />
          ) : (
            form.assets.length > 0 && (
              <Text size="sm">
                {t('risks.field.assets')}: {form.assets.map((a) => a.name).join(', ')}
              </Text>
            )
          )}
        </Stack>
      </Card>
      <Card withBorder>
        <Stack>
          <Group justify="space-between">
            <Title order={3}>{t('risks.section.inherent')}</Title>
            {inherent && <LevelBadge level={inherent} testId="risk-inherent-level" />}
          </Group>
          <ScalePair
            basis="inherent"
            likelihood={form.inherentLikelihood}
            impact={form.inherentImpact}
            onLikelihood={set('inherentLikelihood')}
            onImpact={set('inherentImpact')}
            scale={scale}
            errors={errors}
            readOnly={readOnly}
          />
          <MultiSelect
            label={t('risks.field.controls')}
            searchable
            value={form.controlIds}
            onChange={set('controlIds')}
            data={ANNEX_A_CONTROLS.map((c) => c.id)}
            error={errors.controlIds}
            readOnly={readOnly}
          />
        </Stack>
      </Card>
      <Card withBorder>
        <Stack>
          <Group justify="space-between">
            <Title order={3}>{t('risks.section.residual')}</Title>
            {residual && <LevelBadge level={residual} testId="risk-residual-level" />}
          </Group>
          <ScalePair
            basis="residual"
            likelihood={form.residualLikelihood}
            impact={form.residualImpact}
            onLikelihood={set('residualLikelihood')}
            onImpact={set('residualImpact')}
            scale={scale}
            errors={errors}
            readOnly={readOnly}
          />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <Select
              label={t('risks.field.treatment')}
              required
              value={form.treatment}
              onChange={set('treatment')}
              data={TREATMENTS.map((x) => ({ value: x, label: t(`risks.treatment.${x}`) }))}
              readOnly={readOnly}
              data-testid="risk-treatment"
            />
            <Select
              label={t('risks.field.status')}
              value={form.status}
              onChange={set('status')}
              data={RISK_STATUSES.map((x) => ({ value: x, label: t(`risks.status.${x}`) }))}
              readOnly={readOnly}
            />
            <PersonSelect
              label={t('risks.field.owner')}
              required
              value={form.ownerId}
              onChange={(v) => set('ownerId')(v)}
              error={errors.ownerId}
              testId="risk-owner"
            />
            <DateField
              label={t('risks.field.dueDate')}
              value={form.dueDate}
              onChange={(v) => set('dueDate')(v)}
              error={errors.dueDate}
              readOnly={readOnly}
            />
          </SimpleGrid>
          <Textarea
            label={t('risks.field.plan')}
            value={form.plan}
            onChange={(e) => set('plan')(e.currentTarget.value)}
            error={errors.plan}
            readOnly={readOnly}
            autosize
            minRows={2}
          />
        </Stack>
      </Card>
      {canManage && (
        <Group>
          <Button onClick={submit} loading={save.isPending} data-testid="risk-save">
            {t('common.save')}
          </Button>
        </Group>
      )}
      {risk && <RiskAcceptanceCard risk={risk} accept={() => accept.mutate(undefined)} accepting={accept.isPending} />}
    </Stack>
  );
}
