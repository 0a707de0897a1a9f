import { MultiSelect, Select } from '@mantine/core';
import { DateField } from '../../components/dates/DateField';
import { useTranslation } from 'react-i18next';
import { useAuditors } from './api';
import { useName } from './badges';

/** The register's auditors as options (name and home unit); expired ones are left out unless already chosen. */
function useAuditorOptions(keep: string[]) {
  const name = useName();
  const auditors = useAuditors();
  return (auditors.data ?? [])
    .filter((a) => a.valid || keep.includes(a.id))
    .map((a) => ({
      value: a.id,
      label: a.person.unit ? `${name(a.person.name)} (${name(a.person.unit)})` : name(a.person.name),
    }));
}

interface TeamProps {
  lead: string | null;
  co: string[];
  onLead: (id: string | null) => void;
  onCo: (ids: string[]) => void;
  errors: { lead?: string | undefined; co?: string | undefined };
  testId: string;
  /** false for a follow-up audit, which has a lead auditor only */
  withCo?: boolean;
}

/** Lead auditor and co-auditors picked from the register (the server checks qualification and independence). */
export function TeamPicker({ lead, co, onLead, onCo, errors, testId, withCo = true }: TeamProps) {
  const { t } = useTranslation();
  const options = useAuditorOptions([...(lead ? [lead] : []), ...co]);
  return (
    <>
      <Select
        label={t('audits.lead')}
        data={options}
        value={lead}
        onChange={onLead}
        searchable
        required
        error={errors.lead}
        data-testid={`${testId}-lead`}
      />
      {withCo && (
        <MultiSelect
          label={t('audits.coAuditorsPick')}
          data={options.filter((o) => o.value !== lead)}
          value={co}
          onChange={onCo}
          searchable
          error={errors.co}
          data-testid={`${testId}-co`}
        />
      )}
    </>
  );
}

/** The first message of the problem's field errors under a prefix (`audits.3.coAuditorIds.0` → the co-auditors' box). */
export function firstUnder(errors: Record<string, string>, prefix: string): string | undefined {
  const key = Object.keys(errors).find((k) => k === prefix || k.startsWith(`${prefix}.`));
  return key ? errors[key] : undefined;
}

export type Mode = 'on_site' | 'remote';

/** On site or remote. */
export function ModeSelect({ value, onChange, testId }: { value: Mode; onChange: (m: Mode) => void; testId: string }) {
  const { t } = useTranslation();
  return (
    <Select
      label={t('audits.mode')}
      data={(['on_site', 'remote'] as const).map((m) => ({ value: m, label: t(`audits.modes.${m}`) }))}
      value={value}
      onChange={(v) => v && onChange(v as Mode)}
      allowDeselect={false}
      data-testid={testId}
    />
  );
}

/** An audit's first and last day (planning, re-planning, a follow-up); a first day picked fills an empty last day. */
export function PlannedDays(props: {
  from: string;
  to: string;
  onChange: (from: string, to: string) => void;
  errors: { from?: string | undefined; to?: string | undefined };
  testId: string;
}) {
  const { t } = useTranslation();
  return (
    <>
      <DateField
        label={t('audits.plannedFrom')}
        value={props.from}
        onChange={(v) => props.onChange(v, props.to || v)}
        required
        error={props.errors.from}
        data-testid={`${props.testId}-from`}
      />
      <DateField
        label={t('audits.plannedTo')}
        value={props.to}
        onChange={(v) => props.onChange(props.from, v)}
        required
        error={props.errors.to}
        data-testid={`${props.testId}-to`}
      />
    </>
  );
}
