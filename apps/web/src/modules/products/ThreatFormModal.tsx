import { Button, Group, Modal, Select, Stack, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { applyProblem, notifySuccess, ProblemAlert } from '../../components/problem';
import {
  patch,
  post,
  type ProductDetail,
  type ProtectedAsset,
  RISK_LEVELS,
  STRIDE,
  type Threat,
  useProductMutation,
} from './api';

interface Props {
  product: ProductDetail;
  assets: ProtectedAsset[];
  threat?: Threat;
  onClose: () => void;
}

interface Values {
  category: Threat['category'];
  title: string;
  assetId: string | null;
  releaseId: string | null;
  attackPath: string;
  likelihood: Threat['likelihood'];
  impact: Threat['impact'];
  mitigations: string;
  residualRisk: Threat['residualRisk'];
}

/** Adds or edits one threat of the analysis (optionally about one release, and against one protected asset). */
export function ThreatFormModal({ product, assets, threat, onClose }: Props) {
  const { t } = useTranslation();
  const form = useForm<Values>({
    initialValues: {
      category: threat?.category ?? 'tampering',
      title: threat?.title ?? '',
      assetId: threat?.assetId ?? null,
      releaseId: threat?.releaseId ?? null,
      attackPath: threat?.attackPath ?? '',
      likelihood: threat?.likelihood ?? 'medium',
      impact: threat?.impact ?? 'medium',
      mitigations: threat?.mitigations ?? '',
      residualRisk: threat?.residualRisk ?? 'medium',
    },
  });
  const save = useProductMutation((v: Values) => {
    const body = { ...v, attackPath: v.attackPath.trim() || null, mitigations: v.mitigations.trim() || null };
    const url = `/products/${product.id}/threats`;
    return threat ? patch<Threat>(`${url}/${threat.id}`, body) : post<Threat>(url, body);
  });
  const submit = form.onSubmit((v) =>
    save.mutate(v, {
      onSuccess: () => {
        notifySuccess(t('common.saved'));
        onClose();
      },
      onError: (e) => applyProblem(form, e),
    }),
  );
  const level = RISK_LEVELS.map((l) => ({ value: l, label: t(`products.risk.${l}`) }));
  return (
    <Modal opened onClose={onClose} size="lg" title={threat ? t('products.threats.edit') : t('products.threats.add')}>
      <form onSubmit={submit} data-testid="threat-form">
        <Stack>
          <Group grow>
            <Select
              label={t('products.fields.stride')}
              allowDeselect={false}
              data={STRIDE.map((s) => ({ value: s, label: t(`products.stride.${s}`) }))}
              {...form.getInputProps('category')}
              data-testid="threat-category"
            />
            <Select
              label={t('products.fields.asset')}
              clearable
              data={assets.map((a) => ({ value: a.id, label: `${t(`products.assetKind.${a.kind}`)}: ${a.name}` }))}
              {...form.getInputProps('assetId')}
              data-testid="threat-asset"
            />
          </Group>
          <TextInput label={t('products.fields.threat')} required {...form.getInputProps('title')} data-testid="threat-title" />
          <Textarea
            label={t('products.fields.attackPath')}
            autosize
            {...form.getInputProps('attackPath')}
            data-testid="threat-attack-path"
          />
          <Group grow>
            <Select
              label={t('products.fields.likelihood')}
              allowDeselect={false}
              data={level}
              {...form.getInputProps('likelihood')}
            />
            <Select label={t('products.fields.impact')} allowDeselect={false} data={level} {...form.getInputProps('impact')} />
          </Group>
          <Textarea
            label={t('products.fields.mitigations')}
            autosize
            {...form.getInputProps('mitigations')}
            data-testid="threat-mitigations"
          />
          <Group grow>
            <Select
              label={t('products.fields.residualRisk')}
              allowDeselect={false}
              data={level}
              {...form.getInputProps('residualRisk')}
              data-testid="threat-residual"
            />
            <Select
              label={t('products.fields.release')}
              clearable
              placeholder={t('products.threats.allReleases')}
              data={product.releases.map((r) => ({ value: r.id, label: r.version }))}
              {...form.getInputProps('releaseId')}
            />
          </Group>
          <ProblemAlert error={save.error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending} data-testid="threat-save">
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
