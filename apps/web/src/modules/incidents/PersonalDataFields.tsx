import { ActionIcon, Button, Checkbox, Group, MultiSelect, NumberInput, Select, Stack, Switch, TextInput } from '@mantine/core';
import { DATA_KINDS } from '@mamori/contracts';
import { useTranslation } from 'react-i18next';
import { COUNTRIES, countryLabel } from './catalog';

export interface CustomerRow {
  name: string;
  amount: number | string;
  unit: 'hours' | 'calendarDays' | 'businessDays';
}
export interface PersonalData {
  personalData: boolean;
  personCount: number | string;
  countries: string[];
  dataKinds: string[];
  customers: CustomerRow[];
}

interface Props {
  value: PersonalData;
  onChange: (v: PersonalData) => void;
  errors?: Record<string, string>;
}

const UNITS = ['hours', 'calendarDays', 'businessDays'] as const;

/** Personal data (who, how many, where, what kind) and the customers' contractual reporting deadlines. */
export function PersonalDataFields({ value: v, onChange, errors = {} }: Props) {
  const { t, i18n } = useTranslation();
  const set = (patch: Partial<PersonalData>) => onChange({ ...v, ...patch });
  const setCustomer = (i: number, patch: Partial<CustomerRow>) =>
    set({ customers: v.customers.map((c, j) => (j === i ? { ...c, ...patch } : c)) });
  return (
    <Stack>
      <Switch
        size="lg"
        label={t('incidents.report.personalData')}
        description={t('incidents.report.personalDataHelp')}
        checked={v.personalData}
        onChange={(e) => set({ personalData: e.currentTarget.checked })}
        data-testid="report-personal"
      />
      {v.personalData && (
        <>
          <NumberInput
            size="md"
            label={t('incidents.report.personCount')}
            description={t('incidents.report.personCountHelp')}
            min={0}
            thousandSeparator=","
            value={v.personCount}
            onChange={(n) => set({ personCount: n })}
            error={errors.personCount}
            data-testid="report-person-count"
          />
          <MultiSelect
            size="md"
            label={t('incidents.report.countries')}
            description={t('incidents.report.countriesHelp')}
            searchable
            data={COUNTRIES.map((c) => ({ value: c, label: countryLabel(c, i18n.language) }))}
            value={v.countries}
            onChange={(countries) => set({ countries })}
            error={errors.countries}
            data-testid="report-countries"
          />
          <Checkbox.Group
            label={t('incidents.report.dataKinds')}
            value={v.dataKinds}
            onChange={(dataKinds) => set({ dataKinds })}
            data-testid="report-data-kinds"
          >
            <Stack gap="xs" mt="xs">
              {DATA_KINDS.map((k) => (
                <Checkbox key={k} size="md" value={k} label={t(`incidents.dataKind.${k}`)} data-testid={`report-kind-${k}`} />
              ))}
            </Stack>
          </Checkbox.Group>
        </>
      )}
      <Stack gap="xs">
        {v.customers.map((c, i) => (
          <Group key={i} align="flex-end" wrap="wrap" data-testid={`report-customer-${i}`}>
            <TextInput
              size="md"
              label={t('incidents.report.customerName')}
              value={c.name}
              onChange={(e) => setCustomer(i, { name: e.currentTarget.value })}
              style={{ flex: '1 1 200px' }}
            />
            <NumberInput
              size="md"
              label={t('incidents.report.within')}
              min={1}
              value={c.amount}
              onChange={(amount) => setCustomer(i, { amount })}
              w={110}
            />
            <Select
              size="md"
              label={t('incidents.report.unit')}
              allowDeselect={false}
              data={UNITS.map((u) => ({ value: u, label: t(`incidents.unit.${u}`) }))}
              value={c.unit}
              onChange={(u) => setCustomer(i, { unit: (u ?? 'hours') as CustomerRow['unit'] })}
              w={150}
            />
            <ActionIcon
              size="xl"
              variant="subtle"
              color="red"
              aria-label={t('incidents.report.removeCustomer')}
              onClick={() => set({ customers: v.customers.filter((_, j) => j !== i) })}
            >
              ×
            </ActionIcon>
          </Group>
        ))}
        <Button
          variant="default"
          size="md"
          onClick={() => set({ customers: [...v.customers, { name: '', amount: 24, unit: 'hours' }] })}
          data-testid="report-customer-add"
        >
          {t('incidents.report.addCustomer')}
        </Button>
      </Stack>
    </Stack>
  );
}
