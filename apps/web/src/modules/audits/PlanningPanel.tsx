import { Badge, Button, Card, Checkbox, Group, NumberInput, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { notifySuccess, ProblemAlert } from '../../components/problem';
import { OrgUnitSelect } from '../org/OrgUnitSelect';
import {
  createProgramme,
  planAudits,
  useAuditMutation,
  useProposals,
  type PlanAudit,
  type Programme,
  type Proposal,
} from './api';
import { useName } from './badges';
import { firstUnder, ModeSelect, PlannedDays, TeamPicker } from './team';

/** Fiscal years start on 1 April (Tokyo): the current one. */
const currentFiscalYear = () => {
  const now = new Date(Date.now() + 9 * 3600_000);
  return now.getUTCFullYear() - (now.getUTCMonth() < 3 ? 1 : 0);
};

/** A new yearly programme over a scope (its top unit, found by name). */
export function NewProgramme({ onCreated }: { onCreated: (id: string) => void }) {
  const { t } = useTranslation();
  const [fiscalYear, setFiscalYear] = useState<number>(currentFiscalYear());
  const [scopeUnitId, setScope] = useState<string | null>(null);
  const [title, setTitle] = useState('');
  const create = useAuditMutation(createProgramme);
  const errors = create.error instanceof ApiError ? create.error.fieldErrors() : {};
  return (
    <Card withBorder data-testid="programme-new">
      <Stack gap="xs">
        <Title order={4}>{t('audits.newProgramme')}</Title>
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <NumberInput
            label={t('audits.fiscalYear')}
            value={fiscalYear}
            onChange={(v) => setFiscalYear(Number(v))}
            min={2000}
            max={2100}
            required
            error={errors.fiscalYear}
            data-testid="programme-fy"
          />
          <OrgUnitSelect
            label={t('audits.programmeScope')}
            value={scopeUnitId}
            onChange={setScope}
            required
            error={errors.scopeUnitId}
            testId="programme-scope"
          />
          <TextInput
            label={t('audits.programmeTitle')}
            value={title}
            onChange={(e) => setTitle(e.currentTarget.value)}
            required
            error={errors.title}
            data-testid="programme-title"
          />
        </SimpleGrid>
        <Group>
          <Button
            loading={create.isPending}
            disabled={!scopeUnitId}
            data-testid="programme-create"
            onClick={() =>
              scopeUnitId &&
              create.mutate(
                { fiscalYear, scopeUnitId, title },
                {
                  onSuccess: (p) => {
                    notifySuccess(t('audits.programmeCreated'));
                    onCreated(p.id);
                  },
                },
              )
            }
          >
            {t('audits.create')}
          </Button>
        </Group>
        <ProblemAlert error={create.error} />
      </Stack>
    </Card>
  );
}

type Draft = Omit<PlanAudit, 'leadAuditorId'> & { leadAuditorId: string | null };

/** One proposed unit: why it is proposed; when selected, its dates, mode and team. */
function ProposalRow(props: {
  p: Proposal;
  index: number;
  draft: Draft | undefined;
  errors: Record<string, string>;
  onChange: (d: Draft | undefined) => void;
  defaults: Draft;
}) {
  const { t } = useTranslation();
  const name = useName();
  const { p, draft, errors, index } = props;
  const set = (patch: Partial<Draft>) => props.onChange({ ...draft!, ...patch });
  const testId = `proposal-${index}`;
  return (
    <Card withBorder padding="sm" data-testid="proposal-row">
      <Group gap="xs" wrap="wrap">
        <Checkbox
          label={name(p.unit.name)}
          checked={!!draft}
          onChange={(e) => props.onChange(e.currentTarget.checked ? { ...props.defaults, unitId: p.unit.id } : undefined)}
          data-testid={`${testId}-select`}
        />
        {p.reasons.map((r) => (
          <Badge key={r} variant="light" size="sm">
            {t(`audits.reasons.${r}`)}
          </Badge>
        ))}
        <Text size="xs" c="dimmed">
          {t('audits.lastAudited')}: {p.lastAuditedOn ?? t('audits.never')} · {t('audits.highRisks', { n: p.highRisks })}
        </Text>
      </Group>
      {draft && (
        <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }} mt="xs">
          <PlannedDays
            from={draft.plannedFrom}
            to={draft.plannedTo}
            onChange={(plannedFrom, plannedTo) => set({ plannedFrom, plannedTo })}
            errors={{ from: errors.plannedFrom, to: errors.plannedTo }}
            testId={testId}
          />
          <ModeSelect value={draft.mode ?? 'on_site'} onChange={(mode) => set({ mode })} testId={`${testId}-mode`} />
          <TeamPicker
            lead={draft.leadAuditorId}
            co={draft.coAuditorIds ?? []}
            onLead={(v) => set({ leadAuditorId: v })}
            onCo={(v) => set({ coAuditorIds: v })}
            errors={{ lead: errors.leadAuditorId, co: firstUnder(errors, 'coAuditorIds') }}
            testId={testId}
          />
          {errors.unitId && (
            <Text c="red" size="sm" data-testid={`${testId}-unit-error`}>
              {errors.unitId}
            </Text>
          )}
        </SimpleGrid>
      )}
    </Card>
  );
}

/**
 * The programme's proposals (never audited, longest since the last audit, most high risks) with a plan per selected
 * unit, planned together: all or none. A refusal names each failing field; it is shown on its own unit's row.
 */
export function PlanningPanel({ programme }: { programme: Programme }) {
  const { t } = useTranslation();
  const proposals = useProposals(programme.id, true);
  const [drafts, setDrafts] = useState<Record<string, Draft>>({});
  const [sent, setSent] = useState<string[]>([]);
  const plan = useAuditMutation(planAudits);
  const defaults: Draft = { unitId: '', leadAuditorId: null, coAuditorIds: [], plannedFrom: '', plannedTo: '', mode: 'on_site' };
  const selected = (proposals.data ?? []).filter((p) => drafts[p.unit.id]).map((p) => drafts[p.unit.id]!);
  // the problem's `audits.{i}.{field}` names the i-th audit sent: back to its unit's row
  const rowErrors = (unitId: string) => {
    if (!(plan.error instanceof ApiError)) return {};
    const i = sent.indexOf(unitId);
    const out: Record<string, string> = {};
    for (const [k, v] of Object.entries(plan.error.fieldErrors())) {
      const m = /^audits\.(\d+)\.(.+)$/.exec(k);
      if (m && Number(m[1]) === i) out[m[2]!] ??= v;
    }
    return out;
  };
  const submit = () => {
    const audits = selected.map((d) => ({ ...d, leadAuditorId: d.leadAuditorId ?? '' }));
    setSent(audits.map((a) => a.unitId));
    plan.mutate(
      { programmeId: programme.id, audits },
      {
        onSuccess: (r) => {
          notifySuccess(t('audits.plannedN', { n: r.created.length }));
          setDrafts({});
        },
      },
    );
  };
  return (
    <Card withBorder data-testid="planning">
      <Stack gap="xs">
        <Title order={4}>{t('audits.proposals')}</Title>
        <Text size="sm" c="dimmed">
          {t('audits.proposalsIntro')}
        </Text>
        <ProblemAlert error={proposals.error} />
        {proposals.data?.length === 0 && <Text c="dimmed">{t('audits.none')}</Text>}
        {(proposals.data ?? []).map((p, i) => (
          <ProposalRow
            key={p.unit.id}
            p={p}
            index={i}
            draft={drafts[p.unit.id]}
            errors={rowErrors(p.unit.id)}
            defaults={defaults}
            onChange={(d) => setDrafts(({ [p.unit.id]: _, ...rest }) => (d ? { ...rest, [p.unit.id]: d } : rest))}
          />
        ))}
        <Group>
          <Button disabled={!selected.length} loading={plan.isPending} onClick={submit} data-testid="plan-selected">
            {t('audits.planSelected', { n: selected.length })}
          </Button>
        </Group>
        <ProblemAlert error={plan.error} />
      </Stack>
    </Card>
  );
}
