import { Button, Group, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import type { AuditFilters } from './api';
import { DateField } from '../../components/dates/DateField';

const empty = { actorId: '', action: '', targetType: '', targetId: '', from: '', to: '', q: '' };

/** A date input (local day) as an ISO instant: the start of `from`, the end of `to`. */
function dayToIso(day: string, end: boolean): string | undefined {
  if (!day) return undefined;
  const d = new Date(`${day}T00:00:00`);
  if (end) d.setDate(d.getDate() + 1);
  return d.toISOString();
}

export function AuditFiltersForm({ onApply }: { onApply: (f: AuditFilters) => void }) {
  const { t } = useTranslation();
  const form = useForm({ initialValues: empty });
  const apply = form.onSubmit((v) => {
    const text = (s: string) => s.trim() || undefined;
    onApply({
      actorId: text(v.actorId),
      action: text(v.action),
      targetType: text(v.targetType),
      targetId: text(v.targetId),
      q: text(v.q),
      from: dayToIso(v.from, false),
      to: dayToIso(v.to, true),
    });
  });
  return (
    <form onSubmit={apply} data-testid="audit-filters">
      <Group align="flex-end">
        <TextInput label={t('audit.q')} data-testid="audit-q" {...form.getInputProps('q')} />
        <TextInput label={t('audit.actorId')} w={300} data-testid="audit-actor" {...form.getInputProps('actorId')} />
        <TextInput
          label={t('audit.action')}
          placeholder="auth.sign-in"
          data-testid="audit-action"
          {...form.getInputProps('action')}
        />
        <TextInput label={t('audit.targetType')} data-testid="audit-target-type" {...form.getInputProps('targetType')} />
        <TextInput label={t('audit.targetId')} data-testid="audit-target-id" {...form.getInputProps('targetId')} />
        <DateField label={t('audit.from')} data-testid="audit-from" {...form.getInputProps('from')} />
        <DateField label={t('audit.to')} data-testid="audit-to" {...form.getInputProps('to')} />
        <Button type="submit" data-testid="audit-apply">
          {t('common.apply')}
        </Button>
        <Button
          variant="default"
          onClick={() => {
            form.reset();
            onApply({});
          }}
        >
          {t('common.reset')}
        </Button>
      </Group>
    </form>
  );
}
