import {
  ActionIcon,
  Button,
  Card,
  Group,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  TextInput,
  Textarea,
  Title,
} from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { DateField } from '../../components/dates/DateField';
import { notifySuccess, ProblemAlert } from '../../components/problem';
import { PersonSelect } from '../org/PersonSelect';
import { createAuditor, updateAuditor, useAuditMutation, type Auditor, type AuditorBody } from './api';
import { useName } from './badges';

type Source = 'manual' | 'training';
type Entry = { date: string; title: string; hours?: number | undefined };

function SourceSelect({ value, onChange, error }: { value: Source; onChange: (s: Source) => void; error?: string | undefined }) {
  const { t } = useTranslation();
  return (
    <Select
      label={t('audits.source')}
      data={(['manual', 'training'] as const).map((s) => ({ value: s, label: t(`audits.sources.${s}`) }))}
      value={value}
      onChange={(v) => v && onChange(v as Source)}
      allowDeselect={false}
      error={error}
      data-testid="auditor-source"
    />
  );
}

/** The qualification's training record: one line per course or session (date, title, hours). */
function TrainingEntries({
  rows,
  onChange,
  errors,
}: {
  rows: Entry[];
  onChange: (r: Entry[]) => void;
  errors: Record<string, string>;
}) {
  const { t } = useTranslation();
  const set = (i: number, patch: Partial<Entry>) => onChange(rows.map((x, j) => (j === i ? { ...x, ...patch } : x)));
  return (
    <Stack gap="xs">
      <Title order={5}>{t('audits.training')}</Title>
      {rows.map((r, i) => (
        <Group key={i} align="flex-end" wrap="wrap" data-testid="training-entry">
          <DateField
            label={t('audits.trainingDate')}
            value={r.date}
            onChange={(v) => set(i, { date: v })}
            error={errors[`training.${i}.date`]}
            w={170}
          />
          <TextInput
            label={t('audits.trainingTitle')}
            value={r.title}
            onChange={(e) => set(i, { title: e.currentTarget.value })}
            error={errors[`training.${i}.title`]}
            style={{ flex: '1 1 180px' }}
          />
          <NumberInput
            label={t('audits.hours')}
            value={r.hours ?? ''}
            onChange={(v) => set(i, { hours: v === '' ? undefined : Number(v) })}
            min={0}
            max={1000}
            w={100}
          />
          <ActionIcon
            variant="default"
            size="lg"
            aria-label={t('audits.removeTraining')}
            onClick={() => onChange(rows.filter((_, j) => j !== i))}
          >
            ×
          </ActionIcon>
        </Group>
      ))}
      <Group>
        <Button
          variant="default"
          size="xs"
          onClick={() => onChange([...rows, { date: '', title: '' }])}
          data-testid="training-add"
        >
          {t('audits.addTraining')}
        </Button>
      </Group>
    </Stack>
  );
}

interface Fields {
  qualifiedOn: string;
  expiresOn: string;
  qualificationSource: Source;
  training: Entry[];
  notes: string;
}

/** The fields of a register entry, shared by adding and renewing; the server's field errors go next to each. */
function QualificationFields({
  v,
  set,
  errors,
}: {
  v: Fields;
  set: (p: Partial<Fields>) => void;
  errors: Record<string, string>;
}) {
  const { t } = useTranslation();
  return (
    <>
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        <DateField
          label={t('audits.qualifiedOn')}
          value={v.qualifiedOn}
          onChange={(x) => set({ qualifiedOn: x })}
          required
          error={errors.qualifiedOn}
          data-testid="auditor-qualified"
        />
        <DateField
          label={t('audits.expiresOn')}
          value={v.expiresOn}
          onChange={(x) => set({ expiresOn: x })}
          required
          error={errors.expiresOn}
          data-testid="auditor-expires"
        />
        <SourceSelect
          value={v.qualificationSource}
          onChange={(s) => set({ qualificationSource: s })}
          error={errors.qualificationSource}
        />
      </SimpleGrid>
      <TrainingEntries rows={v.training} onChange={(training) => set({ training })} errors={errors} />
      <Textarea
        label={t('audits.notes')}
        value={v.notes}
        onChange={(e) => set({ notes: e.currentTarget.value })}
        autosize
        minRows={2}
      />
    </>
  );
}

/** Registers a person as a qualified auditor (a qualification from training needs a valid pass of the course). */
export function NewAuditor({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  const [personId, setPerson] = useState<string | null>(null);
  const [v, setV] = useState<Fields>({ qualifiedOn: '', expiresOn: '', qualificationSource: 'manual', training: [], notes: '' });
  const create = useAuditMutation(createAuditor);
  const errors = create.error instanceof ApiError ? create.error.fieldErrors() : {};
  return (
    <Card withBorder data-testid="auditor-new">
      <Stack gap="xs">
        <Title order={4}>{t('audits.addAuditor')}</Title>
        <PersonSelect
          label={t('audits.person')}
          value={personId}
          onChange={(id) => setPerson(id)}
          required
          error={errors.personId}
          testId="auditor-person"
        />
        <QualificationFields v={v} set={(p) => setV((x) => ({ ...x, ...p }))} errors={errors} />
        <Group>
          <Button
            disabled={!personId}
            loading={create.isPending}
            data-testid="auditor-create"
            onClick={() =>
              personId &&
              create.mutate({ personId, ...v } as AuditorBody, {
                onSuccess: () => {
                  notifySuccess(t('audits.saved'));
                  onDone();
                },
              })
            }
          >
            {t('audits.create')}
          </Button>
          <Button variant="default" onClick={onDone}>
            {t('audits.cancel')}
          </Button>
        </Group>
        <ProblemAlert error={create.error} />
      </Stack>
    </Card>
  );
}

/** Renews or corrects a register entry (dates, source, training record, notes), with If-Match. */
export function EditAuditor({ auditor: a, onDone }: { auditor: Auditor; onDone: () => void }) {
  const { t } = useTranslation();
  const name = useName();
  const [v, setV] = useState<Fields>({
    qualifiedOn: a.qualifiedOn,
    expiresOn: a.expiresOn,
    qualificationSource: a.qualificationSource,
    training: a.training,
    notes: a.notes,
  });
  const save = useAuditMutation(updateAuditor);
  const errors = save.error instanceof ApiError ? save.error.fieldErrors() : {};
  return (
    <Card withBorder data-testid="auditor-edit">
      <Stack gap="xs">
        <Title order={4}>{t('audits.renewTitle', { name: name(a.person.name) })}</Title>
        <QualificationFields v={v} set={(p) => setV((x) => ({ ...x, ...p }))} errors={errors} />
        <Group>
          <Button
            loading={save.isPending}
            data-testid="auditor-save"
            onClick={() =>
              save.mutate(
                { id: a.id, body: v, version: a.rowVersion },
                {
                  onSuccess: () => {
                    notifySuccess(t('audits.saved'));
                    onDone();
                  },
                },
              )
            }
          >
            {t('audits.save')}
          </Button>
          <Button variant="default" onClick={onDone}>
            {t('audits.cancel')}
          </Button>
        </Group>
        <ProblemAlert error={save.error} />
      </Stack>
    </Card>
  );
}
