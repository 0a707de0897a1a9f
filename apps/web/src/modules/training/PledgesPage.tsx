import { Alert, Button, Card, Checkbox, Select, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { PLEDGE_AUDIENCES } from '@mamori/contracts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../app/useCan';
import { fieldError, notifySuccess, ProblemAlert } from '../../components/problem';
import { Table } from '../../components/Table';
import {
  nameIn,
  publishPledge,
  signPledge,
  textIn,
  useMyPledge,
  usePledgeRates,
  usePledgeTexts,
  useTrainingMutation,
  useUnsigned,
} from './api';
import { Markdown } from '../../components/Markdown';
import { RateBar } from './RateBar';

/** My pledge (read and sign), the signed rate per unit and who has not signed (readers), new versions (the office). */
export function PledgesPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const canRead = useCan('training:read');
  const canManage = useCan('training:manage');
  const mine = useMyPledge();
  const rates = usePledgeRates(canRead);
  const unsigned = useUnsigned(canRead);
  const [name, setName] = useState('');
  const [agree, setAgree] = useState(false);
  const sign = useTrainingMutation(signPledge);
  const doc = mine.data?.current;
  return (
    <Stack>
      <Title order={2}>{t('pledges.title')}</Title>
      {mine.data && doc && (
        <Card withBorder maw={760}>
          <Title order={3}>{textIn(lang, doc.titleJa, doc.titleEn)}</Title>
          <Text size="sm" c="dimmed" mb="sm">
            {t('pledges.versionN', { n: doc.version })}
          </Text>
          <Markdown text={textIn(lang, doc.bodyJa, doc.bodyEn)} />
          {mine.data.valid ? (
            <Alert color="green" data-testid="pledge-signed">
              {t('pledges.signedAs', {
                name: mine.data.signed!.signedName,
                at: new Date(mine.data.signed!.signedAt).toLocaleString(lang),
              })}
            </Alert>
          ) : (
            <form
              onSubmit={(e) => {
                e.preventDefault();
                sign.mutate({ pledgeId: doc.id, version: doc.version, signedName: name, agree: true });
              }}
            >
              <Stack>
                {mine.data.signed && <Alert color="orange">{t('pledges.newVersion', { old: mine.data.signed.version })}</Alert>}
                <Checkbox
                  label={t('pledges.agree')}
                  checked={agree}
                  onChange={(e) => setAgree(e.currentTarget.checked)}
                  data-testid="pledge-agree"
                />
                <TextInput
                  label={t('pledges.name')}
                  value={name}
                  onChange={(e) => setName(e.currentTarget.value)}
                  required
                  error={fieldError(sign.error, 'signedName') ?? fieldError(sign.error, 'version')}
                  data-testid="pledge-name"
                />
                <ProblemAlert error={sign.error} />
                <Button type="submit" disabled={!agree || !name.trim()} loading={sign.isPending} data-testid="pledge-sign">
                  {t('pledges.sign')}
                </Button>
              </Stack>
            </form>
          )}
        </Card>
      )}
      {mine.isSuccess && !doc && <Text c="dimmed">{t('pledges.noneForMe')}</Text>}
      {canRead && (
        <>
          <Title order={3}>{t('pledges.rates')}</Title>
          <ProblemAlert error={rates.error} />
          <Table striped minWidth={480} data-testid="pledge-rates">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('trainingCompletion.unit')}</Table.Th>
                <Table.Th>{t('pledges.signedOf')}</Table.Th>
                <Table.Th>{t('trainingCompletion.rate')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {(rates.data ?? []).map((r) => (
                <Table.Tr key={r.unit.id}>
                  <Table.Td>{nameIn(lang, r.unit.name)}</Table.Td>
                  <Table.Td>
                    {r.signed} / {r.people}
                  </Table.Td>
                  <Table.Td>
                    <RateBar
                      rate={r.rate}
                      label={t('trainingCompletion.rateOf', { unit: nameIn(lang, r.unit.name), rate: Math.round(r.rate * 100) })}
                    />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          <Title order={3}>{t('pledges.unsigned')}</Title>
          <Table striped minWidth={480} data-testid="pledge-unsigned">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('pledges.person')}</Table.Th>
                <Table.Th>{t('trainingCompletion.unit')}</Table.Th>
                <Table.Th>{t('pledges.lastSigned')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {(unsigned.data ?? []).map((p) => (
                <Table.Tr key={p.id}>
                  <Table.Td>
                    {nameIn(lang, p.name)} ({p.employeeNo})
                  </Table.Td>
                  <Table.Td>{nameIn(lang, p.unit)}</Table.Td>
                  <Table.Td>
                    {p.signedVersion === null ? t('pledges.never') : t('pledges.versionN', { n: p.signedVersion })}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </>
      )}
      {canManage && <PublishPledge />}
    </Stack>
  );
}

function PublishPledge() {
  const { t } = useTranslation();
  const texts = usePledgeTexts(true);
  const [audience, setAudience] = useState<(typeof PLEDGE_AUDIENCES)[number]>('employee');
  const current = texts.data?.find((d) => d.audience === audience);
  const [draft, setDraft] = useState<{ titleJa: string; titleEn: string; bodyJa: string; bodyEn: string } | null>(null);
  const publish = useTrainingMutation(publishPledge);
  const value =
    draft ??
    (current
      ? { titleJa: current.titleJa, titleEn: current.titleEn, bodyJa: current.bodyJa, bodyEn: current.bodyEn }
      : { titleJa: '', titleEn: '', bodyJa: '', bodyEn: '' });
  const set = (k: keyof typeof value) => (e: { currentTarget: { value: string } }) =>
    setDraft({ ...value, [k]: e.currentTarget.value });
  return (
    <Card withBorder maw={760}>
      <Title order={3}>{t('pledges.publishTitle')}</Title>
      <Text size="sm" c="dimmed" mb="sm">
        {t('pledges.publishHelp')}
      </Text>
      <Stack>
        <Select
          label={t('pledges.audience')}
          value={audience}
          onChange={(v) => {
            setAudience((v ?? 'employee') as typeof audience);
            setDraft(null);
          }}
          data={PLEDGE_AUDIENCES.map((a) => ({ value: a, label: t(`pledges.audiences.${a}`) }))}
          allowDeselect={false}
        />
        {current && <Text size="sm">{t('pledges.currentVersion', { n: current.version })}</Text>}
        <TextInput label={t('pledges.titleJa')} value={value.titleJa} onChange={set('titleJa')} />
        <TextInput label={t('pledges.titleEn')} value={value.titleEn} onChange={set('titleEn')} />
        <Textarea label={t('pledges.bodyJa')} value={value.bodyJa} onChange={set('bodyJa')} autosize minRows={4} />
        <Textarea label={t('pledges.bodyEn')} value={value.bodyEn} onChange={set('bodyEn')} autosize minRows={4} />
        <ProblemAlert error={publish.error} />
        <Button
          onClick={() =>
            publish.mutate(
              { audience, ...value },
              { onSuccess: (d) => (setDraft(null), notifySuccess(t('pledges.published', { n: d.version }))) },
            )
          }
          loading={publish.isPending}
        >
          {t('pledges.publish')}
        </Button>
      </Stack>
    </Card>
  );
}
