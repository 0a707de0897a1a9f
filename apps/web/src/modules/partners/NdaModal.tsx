import { Button, Checkbox, FileInput, Group, Modal, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { applyProblem, ProblemAlert } from '../../components/problem';
import { useMe } from '../auth/api';
import { type Nda, NDA_PROVISIONS, patch, post, uploadPartnerFile, usePartnerMutation } from './api';
import { DateField } from '../../components/dates/DateField';

type Provisions = Record<(typeof NDA_PROVISIONS)[number], boolean>;
interface Values {
  title: string;
  signedOn: string;
  validFrom: string;
  validUntil: string;
  provisions: Provisions;
}
const today = () => new Date().toISOString().slice(0, 10);
const none = () => Object.fromEntries(NDA_PROVISIONS.map((p) => [p, false])) as Provisions;

/**
 * Adds or edits an NDA: its dates, the twelve provisions a)–l) ticked one by one against the signed text, and
 * the signed file (PDF or scan). The file is uploaded first and then attached, so a refused file changes nothing.
 */
export function NdaModal({ partnerId, nda, onClose }: { partnerId: string; nda: Nda | null; onClose: () => void }) {
  const { t } = useTranslation();
  const me = useMe();
  const [file, setFile] = useState<File | null>(null);
  const form = useForm<Values>({
    initialValues: nda
      ? {
          title: nda.title,
          signedOn: nda.signedOn,
          validFrom: nda.validFrom,
          validUntil: nda.validUntil ?? '',
          provisions: { ...nda.provisions },
        }
      : { title: '', signedOn: today(), validFrom: today(), validUntil: '', provisions: none() },
  });
  const save = usePartnerMutation(async (v: Values) => {
    const fileId = file ? await uploadPartnerFile(partnerId, file, me.data?.csrfToken ?? '') : undefined;
    const body = { ...v, validUntil: v.validUntil || null };
    const saved = nda ? await patch<Nda>(`/partner-ndas/${nda.id}`, body) : await post<Nda>(`/partners/${partnerId}/ndas`, body);
    return fileId ? patch<Nda>(`/partner-ndas/${saved.id}`, { fileId }) : saved;
  });
  const ticked = NDA_PROVISIONS.filter((p) => form.values.provisions[p]).length;

  return (
    <Modal opened onClose={onClose} title={t(nda ? 'partners.ndas.edit' : 'partners.ndas.add')} size="lg">
      <form
        onSubmit={form.onSubmit((v) => save.mutate(v, { onSuccess: onClose, onError: (e) => applyProblem(form, e) }))}
        data-testid="nda-form"
      >
        <Stack>
          <TextInput label={t('partners.ndas.titleField')} required {...form.getInputProps('title')} data-testid="nda-title" />
          <Group grow align="flex-start">
            {(['signedOn', 'validFrom', 'validUntil'] as const).map((f) => (
              <DateField
                key={f}
                label={t(`partners.ndas.${f}`)}
                required={f !== 'validUntil'}
                description={f === 'validUntil' ? t('partners.ndas.noEnd') : undefined}
                {...form.getInputProps(f)}
                data-testid={`nda-${f}`}
              />
            ))}
          </Group>
          <Group justify="space-between">
            <Text fw={500} size="sm">
              {t('partners.ndas.checklist')}
            </Text>
            <Text size="sm" c={ticked === NDA_PROVISIONS.length ? 'green.9' : 'orange.9'} data-testid="nda-ticked">
              {t('partners.ndas.ticked', { count: ticked, total: NDA_PROVISIONS.length })}
            </Text>
          </Group>
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs">
            {NDA_PROVISIONS.map((p) => (
              <Checkbox
                key={p}
                label={`${p}) ${t(`partners.ndas.provision.${p}`)}`}
                {...form.getInputProps(`provisions.${p}`, { type: 'checkbox' })}
                data-testid={`nda-provision-${p}`}
              />
            ))}
          </SimpleGrid>
          <FileInput
            label={t('partners.ndas.signedFile')}
            description={nda?.fileId ? t('partners.ndas.replaceFile') : t('partners.ndas.fileHelp')}
            accept="application/pdf,image/png,image/jpeg"
            clearable
            value={file}
            onChange={setFile}
            data-testid="nda-file"
          />
          <ProblemAlert error={save.error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending} data-testid="nda-submit">
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
