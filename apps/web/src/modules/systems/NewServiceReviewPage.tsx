import { Button, Checkbox, Group, MultiSelect, Radio, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { SERVICE_CERTIFICATIONS } from '@mamori/contracts';
import { useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocalName } from '../../components/names';
import { ProblemAlert } from '../../components/problem';
import { OrgUnitSelect } from '../org/OrgUnitSelect';
import { useChecklist, useRequestReview } from './api';

type Answer = 'yes' | 'no' | 'na';

/** A unit asks to use a cloud service or new technology: the service, what it will hold, and the checklist. */
export function NewServiceReviewPage() {
  const { t } = useTranslation();
  const name = useLocalName();
  const navigate = useNavigate();
  const checklist = useChecklist();
  const request = useRequestReview();
  const [unitId, setUnitId] = useState<string | null>(null);
  const [f, setF] = useState({
    serviceName: '',
    providerName: '',
    purpose: '',
    classCode: '',
    storageCountry: 'JP',
    exitTerms: '',
  });
  const [flags, setFlags] = useState({ personalData: false, ssoMfa: false, encryption: false, logs: false });
  const [certifications, setCertifications] = useState<string[]>([]);
  const [answers, setAnswers] = useState<Record<string, Answer>>({});
  const text = (k: keyof typeof f) => ({
    value: f[k],
    onChange: (e: { currentTarget: { value: string } }) => setF({ ...f, [k]: e.currentTarget.value }),
  });
  const submit = () =>
    request.mutate(
      {
        unitId,
        ...f,
        ...flags,
        certifications,
        answers: Object.entries(answers).map(([code, answer]) => ({ code, answer })),
      },
      { onSuccess: (r) => void navigate({ to: `/service-reviews/${r.id}` }) },
    );
  return (
    <Stack maw={720}>
      <Title order={2}>{t('systemPages.review.new')}</Title>
      <ProblemAlert error={request.error} />
      <OrgUnitSelect label={t('systemPages.review.unit')} value={unitId} onChange={setUnitId} required testId="review-unit" />
      <TextInput label={t('systemPages.review.service')} required {...text('serviceName')} data-testid="review-service" />
      <TextInput label={t('systemPages.review.provider')} required {...text('providerName')} data-testid="review-provider" />
      <Textarea label={t('systemPages.review.purpose')} required {...text('purpose')} data-testid="review-purpose" />
      <TextInput label={t('systemPages.review.classCode')} required {...text('classCode')} data-testid="review-class" />
      <TextInput label={t('systemPages.review.country')} required {...text('storageCountry')} maxLength={2} />
      <MultiSelect
        label={t('systemPages.review.certifications')}
        value={certifications}
        onChange={setCertifications}
        data={SERVICE_CERTIFICATIONS.map((c) => ({ value: c, label: t(`systemPages.certification.${c}`) }))}
      />
      <Group>
        {(['personalData', 'ssoMfa', 'encryption', 'logs'] as const).map((k) => (
          <Checkbox
            key={k}
            label={t(`systemPages.review.${k}`)}
            checked={flags[k]}
            onChange={(e) => setFlags({ ...flags, [k]: e.currentTarget.checked })}
          />
        ))}
      </Group>
      <Textarea label={t('systemPages.review.exitTerms')} {...text('exitTerms')} />
      <Title order={3}>{t('systemPages.review.checklist')}</Title>
      {(checklist.data ?? []).map((c) => (
        <Radio.Group
          key={c.code}
          label={name({ nameJa: c.nameJa, nameEn: c.nameEn })}
          description={name({ nameJa: c.helpJa, nameEn: c.helpEn })}
          value={answers[c.code] ?? ''}
          onChange={(v) => setAnswers({ ...answers, [c.code]: v as Answer })}
        >
          <Group mt={4}>
            {(['yes', 'no', 'na'] as const).map((a) => (
              <Radio key={a} value={a} label={t(`systemPages.answer.${a}`)} />
            ))}
          </Group>
        </Radio.Group>
      ))}
      <Text size="xs" c="dimmed">
        {t('systemPages.review.sendHint')}
      </Text>
      <Button onClick={submit} loading={request.isPending} data-testid="review-submit">
        {t('systemPages.review.send')}
      </Button>
    </Stack>
  );
}
