import { Button, NumberInput, Select, Stack, Text, Textarea } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMe } from '../auth/api';
import { ProblemAlert } from '../../components/problem';
import { Table } from '../../components/Table';
import { TREATMENTS, type TaraAnalysis, type TaraRisk, useTaraChange } from './api';
import { FeasibilityBadge, ImpactBadge, RiskValueBadge } from './badges';
import { FormModal } from './FormModal';
import { SectionHead } from './ItemTables';

function TreatModal({ analysis, risk, onClose }: { analysis: TaraAnalysis; risk: TaraRisk; onClose: () => void }) {
  const { t } = useTranslation();
  const change = useTaraChange(analysis);
  const [form, setForm] = useState({
    treatment: risk.treatment ?? 'reduce',
    statement: risk.statement ?? '',
    cal: risk.cal,
    rationale: risk.rationale ?? '',
    residualValue: risk.residualValue,
  });
  const submit = () =>
    change.mutate(
      {
        method: 'PUT',
        path: `/risks/${risk.threatId}/${risk.damageId}`,
        json: {
          ...form,
          cal: form.treatment === 'reduce' ? form.cal : null,
          rationale: form.rationale.trim() || null,
        },
      },
      { onSuccess: onClose },
    );
  return (
    <FormModal
      title={t('taraPages.risks.treat')}
      testId="tara-treat-form"
      error={change.error}
      pending={change.isPending}
      onClose={onClose}
      onSubmit={submit}
    >
      <Select
        label={t('taraPages.fields.treatment')}
        allowDeselect={false}
        data={TREATMENTS.map((x) => ({ value: x, label: t(`tara.treatment.${x}`) }))}
        value={form.treatment}
        onChange={(v) => setForm({ ...form, treatment: (v ?? 'reduce') as typeof form.treatment })}
      />
      <Textarea
        label={form.treatment === 'reduce' ? t('taraPages.fields.goal') : t('taraPages.fields.claim')}
        required
        value={form.statement}
        onChange={(e) => setForm({ ...form, statement: e.currentTarget.value })}
      />
      {form.treatment === 'reduce' && (
        <NumberInput
          label="CAL"
          min={1}
          max={4}
          value={form.cal ?? ''}
          onChange={(v) => setForm({ ...form, cal: v === '' ? null : Number(v) })}
        />
      )}
      <Textarea
        label={t('taraPages.fields.rationale')}
        value={form.rationale}
        onChange={(e) => setForm({ ...form, rationale: e.currentTarget.value })}
      />
      <NumberInput
        label={t('taraPages.fields.residual')}
        min={1}
        max={5}
        value={form.residualValue ?? ''}
        onChange={(v) => setForm({ ...form, residualValue: v === '' ? null : Number(v) })}
      />
    </FormModal>
  );
}

/** Each threat × damage pair: the derived value, whether it needs treatment, the goal or claim, the signature. */
export function RisksTable({ analysis, canManage }: { analysis: TaraAnalysis; canManage: boolean }) {
  const { t } = useTranslation();
  const me = useMe().data;
  const change = useTaraChange(analysis);
  const [treating, setTreating] = useState<TaraRisk | null>(null);
  const threat = new Map(analysis.threatScenarios.map((x) => [x.id, x.title]));
  const damage = new Map(analysis.damageScenarios.map((x) => [x.id, x.title]));
  const isOwner = !!me && analysis.riskOwner?.id === me.user.id;
  return (
    <Stack gap="xs" data-testid="tara-risks">
      <SectionHead title={t('taraPages.risks.title')} addLabel="" testId="tara-risks-head" />
      <Text size="sm" c="dimmed">
        {t('taraPages.risks.intro', { threshold: analysis.method.treatmentThreshold })}
      </Text>
      {change.error ? <ProblemAlert error={change.error} /> : null}
      <Table minWidth={960}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('taraPages.fields.threat')}</Table.Th>
            <Table.Th>{t('taraPages.fields.damage')}</Table.Th>
            <Table.Th>{t('taraPages.fields.impact')}</Table.Th>
            <Table.Th>{t('taraPages.fields.feasibility')}</Table.Th>
            <Table.Th>{t('taraPages.fields.value')}</Table.Th>
            <Table.Th>{t('taraPages.fields.treatment')}</Table.Th>
            <Table.Th>{t('taraPages.fields.statement')}</Table.Th>
            <Table.Th>{t('taraPages.fields.residual')}</Table.Th>
            <Table.Th>{t('taraPages.fields.signed')}</Table.Th>
            {(canManage || isOwner) && <Table.Th />}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {analysis.risks.map((r) => (
            <Table.Tr key={`${r.threatId}/${r.damageId}`} data-testid="tara-risk-row">
              <Table.Td>{threat.get(r.threatId)}</Table.Td>
              <Table.Td>{damage.get(r.damageId)}</Table.Td>
              <Table.Td>
                <ImpactBadge value={r.impact} />
              </Table.Td>
              <Table.Td>
                <FeasibilityBadge value={r.feasibility} />
              </Table.Td>
              <Table.Td>
                <RiskValueBadge value={r.value} />
                {r.requiresTreatment && !r.treatment && (
                  <Text size="xs" c="red.8">
                    {t('taraPages.risks.needsTreatment')}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>{r.treatment ? t(`tara.treatment.${r.treatment}`) : '—'}</Table.Td>
              <Table.Td>
                {r.statement ?? ''}
                {r.cal !== null && <Text size="xs">CAL {r.cal}</Text>}
              </Table.Td>
              <Table.Td>{r.residualValue ?? '—'}</Table.Td>
              <Table.Td>{r.signedBy ?? '—'}</Table.Td>
              {(canManage || isOwner) && (
                <Table.Td>
                  {canManage && (
                    <Button size="xs" variant="default" onClick={() => setTreating(r)}>
                      {t('taraPages.risks.treat')}
                    </Button>
                  )}
                  {isOwner && r.residualValue !== null && !r.signedBy && (
                    <Button
                      size="xs"
                      variant="light"
                      onClick={() => change.mutate({ method: 'POST', path: `/risks/${r.threatId}/${r.damageId}/sign` })}
                    >
                      {t('taraPages.risks.sign')}
                    </Button>
                  )}
                </Table.Td>
              )}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {treating && <TreatModal analysis={analysis} risk={treating} onClose={() => setTreating(null)} />}
    </Stack>
  );
}
