import {
  Alert,
  Anchor,
  Button,
  FileInput,
  SegmentedControl,
  Select,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { ProblemAlert } from '../../components/problem';
import { fileToBase64, type Incident, type ReportBody, useReportIncident } from './api';
import { INCIDENT_TYPES, options } from './catalog';
import { type PersonalData, PersonalDataFields } from './PersonalDataFields';
import { fromLocalInput, toLocalInput } from './time';
import { DateTimeField } from '../../components/dates/DateField';

const emptyPersonal: PersonalData = { personalData: false, personCount: '', countries: [], dataKinds: [], customers: [] };

/** The short report form for everyone: one column, large touch targets, works on a phone. */
export function ReportPage() {
  const { t, i18n } = useTranslation();
  const report = useReportIncident();
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [typeId, setTypeId] = useState<string | null>(null);
  const [nearMiss, setNearMiss] = useState('no');
  const [occurredAt, setOccurredAt] = useState('');
  const [discoveredAt, setDiscoveredAt] = useState(() => toLocalInput(new Date()));
  const [location, setLocation] = useState('');
  const [information, setInformation] = useState('');
  const [personal, setPersonal] = useState<PersonalData>(emptyPersonal);
  const [files, setFiles] = useState<File[]>([]);
  const [done, setDone] = useState<Incident | null>(null);
  const errors = report.error instanceof ApiError ? report.error.fieldErrors() : {};

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    const attachments = await Promise.all(
      files.map(async (f) => ({
        name: f.name,
        mediaType: f.type || 'application/octet-stream',
        contentBase64: await fileToBase64(f),
      })),
    );
    const count = personal.personCount === '' ? null : Number(personal.personCount);
    const body: ReportBody = {
      typeId: typeId ?? '',
      nearMiss: nearMiss === 'yes',
      title,
      description,
      occurredAt: fromLocalInput(occurredAt),
      discoveredAt: fromLocalInput(discoveredAt) ?? new Date().toISOString(),
      location,
      information,
      personalData: personal.personalData,
      personCount: personal.personalData ? count : null,
      countries: personal.personalData ? personal.countries : [],
      dataKinds: personal.personalData ? (personal.dataKinds as ReportBody['dataKinds']) : [],
      customers: personal.customers
        .filter((c) => c.name.trim())
        .map((c) => ({ name: c.name.trim(), within: { amount: Number(c.amount) || 1, unit: c.unit } })),
      language: i18n.language === 'en' ? 'en' : 'ja',
      attachments,
    };
    report.mutate(body, { onSuccess: (incident) => setDone(incident) });
  };

  if (done)
    return (
      <Stack maw={640} data-testid="report-done">
        <Title order={2}>{t('incidents.report.thanks')}</Title>
        <Alert color="green">
          <Text>{t('incidents.report.received')}</Text>
          <Text size="xl" fw={700} data-testid="report-number">
            {done.number}
          </Text>
        </Alert>
        <Anchor component={Link} to={`/incidents/${done.id}`} size="lg" data-testid="report-open">
          {t('incidents.report.openCase')}
        </Anchor>
        <Button
          variant="default"
          size="md"
          onClick={() => {
            setDone(null);
            report.reset();
          }}
        >
          {t('incidents.report.another')}
        </Button>
      </Stack>
    );

  return (
    <Stack maw={640}>
      <Title order={2}>{t('incidents.report.title')}</Title>
      <Text c="dimmed">{t('incidents.report.intro')}</Text>
      <form onSubmit={(e) => void submit(e)} data-testid="report-form">
        <Stack>
          <TextInput
            size="md"
            required
            label={t('incidents.report.titleField')}
            description={t('incidents.report.titleHelp')}
            value={title}
            onChange={(e) => setTitle(e.currentTarget.value)}
            error={errors.title}
            data-testid="report-title"
          />
          <Textarea
            size="md"
            required
            autosize
            minRows={4}
            label={t('incidents.report.description')}
            description={t('incidents.report.descriptionHelp')}
            value={description}
            onChange={(e) => setDescription(e.currentTarget.value)}
            error={errors.description}
            data-testid="report-description"
          />
          <Select
            size="md"
            required
            label={t('incidents.field.type')}
            data={options(INCIDENT_TYPES, i18n.language)}
            value={typeId}
            onChange={setTypeId}
            error={errors.typeId}
            data-testid="report-type"
          />
          <Stack gap={4}>
            <Text size="sm" fw={500}>
              {t('incidents.report.nearMissQuestion')}
            </Text>
            <SegmentedControl
              size="md"
              fullWidth
              value={nearMiss}
              onChange={setNearMiss}
              data={[
                { value: 'no', label: t('incidents.report.nearMissNo') },
                { value: 'yes', label: t('incidents.report.nearMissYes') },
              ]}
              data-testid="report-near-miss"
            />
          </Stack>
          <DateTimeField
            size="md"
            label={t('incidents.field.occurredAt')}
            value={occurredAt}
            onChange={(v) => setOccurredAt(v)}
            error={errors.occurredAt}
            data-testid="report-occurred"
          />
          <DateTimeField
            size="md"
            required
            label={t('incidents.field.discoveredAt')}
            value={discoveredAt}
            onChange={(v) => setDiscoveredAt(v)}
            error={errors.discoveredAt}
            data-testid="report-discovered"
          />
          <TextInput
            size="md"
            label={t('incidents.field.location')}
            description={t('incidents.report.locationHelp')}
            value={location}
            onChange={(e) => setLocation(e.currentTarget.value)}
            data-testid="report-location"
          />
          <Textarea
            size="md"
            autosize
            minRows={2}
            label={t('incidents.field.information')}
            description={t('incidents.report.informationHelp')}
            value={information}
            onChange={(e) => setInformation(e.currentTarget.value)}
            data-testid="report-information"
          />
          <PersonalDataFields value={personal} onChange={setPersonal} errors={errors} />
          <FileInput
            size="md"
            multiple
            clearable
            label={t('incidents.report.attachments')}
            description={t('incidents.report.attachmentsHelp')}
            value={files}
            onChange={setFiles}
            data-testid="report-attachments"
          />
          <ProblemAlert error={report.error} />
          <Button type="submit" size="lg" loading={report.isPending} data-testid="report-submit">
            {t('incidents.report.submit')}
          </Button>
        </Stack>
      </form>
    </Stack>
  );
}
