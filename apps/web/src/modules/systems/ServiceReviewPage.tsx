import { Anchor, Button, Group, Select, SimpleGrid, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { Link, useParams } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocalName } from '../../components/names';
import { ProblemAlert } from '../../components/problem';
import { useChecklist, useDecideReview, useReview, type ServiceReview } from './api';
import { ReviewStatusBadge, YesNo } from './parts';
import { DateField } from '../../components/dates/DateField';

/** The office's decision, stacked for a phone: approve up to a class (with conditions) or refuse, with reasons. */
function DecideForm({ review }: { review: ServiceReview }) {
  const { t } = useTranslation();
  const decide = useDecideReview(review.id);
  const [decision, setDecision] = useState<string | null>('approved');
  const [classCode, setClassCode] = useState(review.classCode);
  const [conditions, setConditions] = useState('');
  const [reasons, setReasons] = useState('');
  const [reReviewOn, setReReviewOn] = useState('');
  const approving = decision !== 'refused';
  const submit = () =>
    decide.mutate({
      ifMatch: review.rowVersion,
      body: {
        decision,
        approvedClassCode: approving ? classCode : null,
        conditions,
        reasons,
        reReviewOn: approving && reReviewOn ? reReviewOn : null,
      },
    });
  return (
    <Stack data-testid="decide-form">
      <Title order={3}>{t('systemPages.review.decide')}</Title>
      <ProblemAlert error={decide.error} />
      <Select
        label={t('systemPages.review.decision')}
        value={decision}
        onChange={setDecision}
        allowDeselect={false}
        data={(['approved', 'approved_with_conditions', 'refused'] as const).map((d) => ({
          value: d,
          label: t(`systemPages.review.status.${d}`),
        }))}
        data-testid="decision"
      />
      {approving && (
        <TextInput
          label={t('systemPages.review.approvedClass')}
          value={classCode}
          onChange={(e) => setClassCode(e.currentTarget.value)}
          data-testid="approved-class"
        />
      )}
      {decision === 'approved_with_conditions' && (
        <Textarea
          label={t('systemPages.review.conditions')}
          value={conditions}
          onChange={(e) => setConditions(e.currentTarget.value)}
        />
      )}
      <Textarea
        label={t('systemPages.review.reasons')}
        value={reasons}
        onChange={(e) => setReasons(e.currentTarget.value)}
        required
        data-testid="reasons"
      />
      {approving && (
        <DateField label={t('systemPages.review.reReviewOn')} value={reReviewOn} onChange={(v) => setReReviewOn(v)} />
      )}
      <Button onClick={submit} loading={decide.isPending} data-testid="decide-submit">
        {t('systemPages.review.submitDecision')}
      </Button>
    </Stack>
  );
}

export function ServiceReviewPage() {
  const { t } = useTranslation();
  const name = useLocalName();
  const { id } = useParams({ from: '/app/service-reviews/$id' });
  const q = useReview(id);
  const checklist = useChecklist();
  const r = q.data;
  const itemName = (code: string) => {
    const c = checklist.data?.find((x) => x.code === code);
    return c ? name({ nameJa: c.nameJa, nameEn: c.nameEn }) : code;
  };
  return (
    <Stack>
      <Anchor component={Link} to="/service-reviews">
        {t('systemPages.review.back')}
      </Anchor>
      <ProblemAlert error={q.error} />
      {r && (
        <>
          <Group gap="xs">
            <Title order={2}>{r.serviceName}</Title>
            <ReviewStatusBadge status={r.status} />
          </Group>
          <Text size="sm">{r.purpose}</Text>
          <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }}>
            <Text size="sm">
              {t('systemPages.review.unit')}: {name(r.unit)}
            </Text>
            <Text size="sm">
              {t('systemPages.review.provider')}: {r.providerName}
            </Text>
            <Text size="sm">
              {t('systemPages.review.class')}: {r.classCode}
            </Text>
            <Text size="sm">
              {t('systemPages.review.personalData')}: <YesNo value={r.personalData} />
            </Text>
            <Text size="sm">
              {t('systemPages.review.country')}: {r.storageCountry}
            </Text>
            <Text size="sm">
              {t('systemPages.review.certifications')}:{' '}
              {r.certifications.map((c) => t(`systemPages.certification.${c}`)).join(', ') || '—'}
            </Text>
            <Text size="sm">
              {t('systemPages.review.ssoMfa')}: <YesNo value={r.ssoMfa} />
            </Text>
            <Text size="sm">
              {t('systemPages.review.encryption')}: <YesNo value={r.encryption} />
            </Text>
            <Text size="sm">
              {t('systemPages.review.logs')}: <YesNo value={r.logs} />
            </Text>
          </SimpleGrid>
          {r.exitTerms && (
            <Text size="sm">
              {t('systemPages.review.exitTerms')}: {r.exitTerms}
            </Text>
          )}
          <Title order={3}>{t('systemPages.review.checklist')}</Title>
          <Stack gap={4}>
            {r.answers.map((a) => (
              <Text key={a.code} size="sm">
                {itemName(a.code)} — {t(`systemPages.answer.${a.answer}`)}
                {a.note ? ` (${a.note})` : ''}
              </Text>
            ))}
          </Stack>
          {r.status !== 'pending' && (
            <Stack gap={4} data-testid="decision-shown">
              <Title order={3}>{t('systemPages.review.decision')}</Title>
              {r.approvedClassCode && (
                <Text size="sm">
                  {t('systemPages.review.approvedClass')}: {r.approvedClassCode}
                </Text>
              )}
              {r.conditions && (
                <Text size="sm">
                  {t('systemPages.review.conditions')}: {r.conditions}
                </Text>
              )}
              <Text size="sm">
                {t('systemPages.review.reasons')}: {r.reasons}
              </Text>
              {r.reReviewOn && (
                <Text size="sm">
                  {t('systemPages.review.reReviewOn')}: {r.reReviewOn}
                </Text>
              )}
            </Stack>
          )}
          {r.can.decide && <DecideForm review={r} />}
        </>
      )}
    </Stack>
  );
}
