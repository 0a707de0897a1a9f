import { ActionIcon, Button, Group, Select, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldError } from '../../components/problem';
import { LINK_KINDS, useLinkTargets, type LinkInput, type LinkKind } from './api';

/**
 * The evidence links of a requirement or practice: the product's TARA, test plans and interface agreements, or an
 * address; `errorPrefix` is where the server names their fields (`items.0.links`).
 */
export function LinksEditor(props: {
  productId: string;
  links: LinkInput[];
  onChange: (links: LinkInput[]) => void;
  error: unknown;
  errorPrefix: string;
}) {
  const { t } = useTranslation();
  const [kind, setKind] = useState<LinkKind>('tara_analysis');
  const [targetId, setTargetId] = useState<string | null>(null);
  const [url, setUrl] = useState('');
  const targets = useLinkTargets(props.productId, kind);
  const label = (l: LinkInput) =>
    l.label ?? (l.kind === 'url' ? l.url : targets.data?.find((o) => o.value === l.targetId)?.label) ?? l.kind;
  const add = () => {
    if (kind === 'url') props.onChange([...props.links, { kind, url: url.trim(), label: undefined }]);
    else if (targetId) {
      const title = targets.data?.find((o) => o.value === targetId)?.label;
      props.onChange([...props.links, { kind, targetId, label: title }]);
    }
    setTargetId(null);
    setUrl('');
  };
  return (
    <Stack gap={6}>
      <Text size="sm" fw={500}>
        {t('iec62443.links.title')}
      </Text>
      {props.links.map((l, i) => {
        const err =
          fieldError(props.error, `${props.errorPrefix}.${i}.targetId`) ??
          fieldError(props.error, `${props.errorPrefix}.${i}.url`);
        return (
          <Group key={i} gap="xs" wrap="nowrap" data-testid="iec62443-link-row">
            <Text size="sm" style={{ flex: 1, overflowWrap: 'anywhere' }} c={err ? 'red.8' : undefined}>
              {t(`iec62443.linkKind.${l.kind}`)}: {label(l)}
              {err ? ` — ${err}` : ''}
            </Text>
            <ActionIcon
              variant="subtle"
              color="gray"
              aria-label={t('iec62443.links.remove')}
              onClick={() => props.onChange(props.links.filter((_, j) => j !== i))}
            >
              ×
            </ActionIcon>
          </Group>
        );
      })}
      <Group gap="xs" align="flex-end" wrap="wrap">
        <Select
          label={t('iec62443.links.kind')}
          data={LINK_KINDS.map((k) => ({ value: k, label: t(`iec62443.linkKind.${k}`) }))}
          value={kind}
          onChange={(v) => setKind((v as LinkKind | null) ?? 'tara_analysis')}
          allowDeselect={false}
          w={180}
          data-testid="iec62443-link-kind"
        />
        {kind === 'url' ? (
          <TextInput
            label={t('iec62443.links.url')}
            placeholder="https://…"
            value={url}
            onChange={(e) => setUrl(e.currentTarget.value)}
            style={{ flex: '1 1 180px' }}
            data-testid="iec62443-link-url"
          />
        ) : (
          <Select
            label={t('iec62443.links.record')}
            data={targets.data ?? []}
            value={targetId}
            onChange={setTargetId}
            nothingFoundMessage={t('iec62443.links.none')}
            style={{ flex: '1 1 180px' }}
            data-testid="iec62443-link-target"
          />
        )}
        <Button size="xs" variant="default" onClick={add} disabled={kind === 'url' ? !url.trim() : !targetId}>
          {t('iec62443.links.add')}
        </Button>
      </Group>
    </Stack>
  );
}
