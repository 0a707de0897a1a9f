import {
  PDCA_PHASES,
  PLAN_ACTIVITY_KINDS,
  PLAN_EVIDENCE,
  PLAN_LINK_KINDS,
  PLAN_LINKED_KINDS,
  PLAN_UNIT_KINDS,
  ROLES,
  type PlanLinkedKind,
} from '@mamori/contracts';
import {
  Badge,
  Button,
  CloseButton,
  Group,
  Modal,
  MultiSelect,
  NumberInput,
  Select,
  Stack,
  TextInput,
  Textarea,
} from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { OrgUnitSelect } from '../org/OrgUnitSelect';
import { useLinkTargets, type ActivityInput } from './api';
import { UnitName } from './UnitName';
import { DateField } from '../../components/dates/DateField';

const isLinked = (k: string | null | undefined): k is PlanLinkedKind =>
  !!k && (PLAN_LINKED_KINDS as readonly string[]).includes(k);

/** The campaign of a linked activity, picked from the module's campaigns (its units' tasks complete from it). */
function LinkTargetSelect({ kind, value, onChange }: { kind: PlanLinkedKind; value: string; onChange: (v: string) => void }) {
  const { t, i18n } = useTranslation();
  const { data } = useLinkTargets(kind);
  const items = (data?.items ?? []).map((c) => ({
    value: c.id,
    label: `${i18n.language === 'ja' ? c.name.ja : c.name.en}${c.date ? ` (${c.date})` : ''}`,
  }));
  return (
    <Select
      label={t('plans.linkTarget')}
      placeholder={t('plans.linkTargetPlaceholder')}
      description={value ? t('plans.linkTargetHelp') : t('plans.linkNone')}
      data={items}
      value={value || null}
      onChange={(v) => onChange(v ?? '')}
      searchable
      clearable
      nothingFoundMessage={t('common.nothingFound')}
      data-testid="plan-activity-link-target"
    />
  );
}

/** Adds or changes one activity of a draft (kept in the page until saved). */
export function ActivityForm({
  initial,
  unitNames,
  onSave,
  onClose,
}: {
  initial: ActivityInput;
  unitNames: Map<string, string>;
  onSave: (a: ActivityInput) => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const [a, setA] = useState<ActivityInput>(initial);
  const [unit, setUnit] = useState<string | null>(null);
  const set = <K extends keyof ActivityInput>(k: K, v: ActivityInput[K]) => setA((x) => ({ ...x, [k]: v }));
  const opts = (list: readonly string[], prefix: string) => list.map((v) => ({ value: v, label: t(`${prefix}.${v}`) }));
  return (
    <Modal opened onClose={onClose} title={t('plans.editActivity')} size="lg">
      <Stack data-testid="plan-activity-form">
        <Group grow wrap="wrap">
          <Select
            label={t('plans.kind')}
            data={opts(PLAN_ACTIVITY_KINDS, 'plans.kinds')}
            value={a.kind}
            onChange={(v) => v && set('kind', v as ActivityInput['kind'])}
            allowDeselect={false}
            data-testid="plan-activity-kind"
          />
          <Select
            label={t('plans.phase')}
            data={opts(PDCA_PHASES, 'plans.phases')}
            value={a.phase}
            onChange={(v) => v && set('phase', v as ActivityInput['phase'])}
            allowDeselect={false}
          />
        </Group>
        <TextInput
          label={t('plans.titleJa')}
          value={a.titleJa}
          onChange={(e) => set('titleJa', e.currentTarget.value)}
          required
          data-testid="plan-activity-title-ja"
        />
        <TextInput
          label={t('plans.titleEn')}
          value={a.titleEn}
          onChange={(e) => set('titleEn', e.currentTarget.value)}
          required
          data-testid="plan-activity-title-en"
        />
        <Group grow wrap="wrap">
          <DateField label={t('plans.startDate')} value={a.startDate ?? ''} onChange={(v) => set('startDate', v || null)} />
          <DateField
            label={t('plans.dueDate')}
            value={a.dueDate}
            onChange={(v) => set('dueDate', v)}
            required
            data-testid="plan-activity-due"
          />
        </Group>
        <Textarea label={t('plans.guide')} value={a.guide ?? ''} onChange={(e) => set('guide', e.currentTarget.value)} autosize />
        <TextInput
          label={t('plans.guideUrl')}
          value={a.guideUrl ?? ''}
          onChange={(e) => set('guideUrl', e.currentTarget.value)}
          placeholder="https://"
        />
        <Stack gap={4}>
          <Group gap={4}>
            {a.unitRoots.map((id) => (
              <Badge
                key={id}
                variant="light"
                rightSection={
                  <CloseButton
                    size="xs"
                    aria-label={t('plans.remove')}
                    onClick={() =>
                      set(
                        'unitRoots',
                        a.unitRoots.filter((u) => u !== id),
                      )
                    }
                  />
                }
              >
                <UnitName id={id} known={unitNames.get(id)} />
              </Badge>
            ))}
          </Group>
          <Group align="flex-end">
            <OrgUnitSelect label={t('plans.unitRoots')} value={unit} onChange={setUnit} testId="plan-activity-unit" />
            <Button
              variant="light"
              disabled={!unit}
              onClick={() => unit && (set('unitRoots', [...new Set([...a.unitRoots, unit])]), setUnit(null))}
              data-testid="plan-activity-add-unit"
            >
              {t('plans.addUnit')}
            </Button>
          </Group>
        </Stack>
        <MultiSelect
          label={t('plans.unitKindsLabel')}
          data={opts(PLAN_UNIT_KINDS, 'plans.unitKinds')}
          value={a.unitKinds}
          onChange={(v) => set('unitKinds', v as ActivityInput['unitKinds'])}
        />
        <MultiSelect
          label={t('plans.roles')}
          data={opts(ROLES, 'enum.role')}
          value={a.roles ?? []}
          onChange={(v) => set('roles', v as ActivityInput['roles'])}
          searchable
        />
        <Select
          label={t('plans.evidenceLabel')}
          data={opts(PLAN_EVIDENCE, 'plans.evidence')}
          value={a.evidence}
          onChange={(v) => v && set('evidence', v as ActivityInput['evidence'])}
          allowDeselect={false}
          data-testid="plan-activity-evidence"
        />
        {a.evidence === 'linked' && (
          <Group grow wrap="wrap">
            <Select
              label={t('plans.linkKind')}
              data={opts(PLAN_LINK_KINDS, 'plans.linkKinds')}
              value={a.linkKind ?? null}
              onChange={(v) => setA((x) => ({ ...x, linkKind: v as ActivityInput['linkKind'], linkRef: '' }))}
              data-testid="plan-activity-link-kind"
            />
            {isLinked(a.linkKind) ? (
              <LinkTargetSelect kind={a.linkKind} value={a.linkRef ?? ''} onChange={(v) => set('linkRef', v)} />
            ) : (
              <TextInput
                label={t('plans.linkRef')}
                value={a.linkRef ?? ''}
                onChange={(e) => set('linkRef', e.currentTarget.value)}
              />
            )}
            {a.linkKind === 'training' && (
              <NumberInput
                label={t('plans.linkThreshold')}
                description={t('plans.linkThresholdHelp')}
                min={1}
                max={100}
                value={a.linkThreshold ?? 100}
                onChange={(v) => set('linkThreshold', typeof v === 'number' ? v : 100)}
                data-testid="plan-activity-threshold"
              />
            )}
          </Group>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button
            data-testid="plan-activity-save"
            onClick={() => onSave({ ...a, linkKind: a.evidence === 'linked' ? (a.linkKind ?? null) : null })}
          >
            {t('common.apply')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
