import { Anchor, Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { AnchorLink } from '../tara/AnchorLink';
import type { Link } from './api';

/** An evidence link: the linked record's page in this application, or the address given. */
function EvidenceLink({ l }: { l: Link }) {
  const { t } = useTranslation();
  const label = l.label ?? l.url ?? t(`iec62443.linkKind.${l.kind}`);
  if (l.kind === 'tara_analysis' && l.targetId)
    return (
      <AnchorLink to="/tara-analyses/$id" params={{ id: l.targetId }}>
        TARA: {label}
      </AnchorLink>
    );
  if (l.kind === 'test_plan' && l.targetId)
    return (
      <AnchorLink to="/test-plans/$id" params={{ id: l.targetId }}>
        {t('iec62443.linkKind.test_plan')}: {label}
      </AnchorLink>
    );
  if (l.kind === 'interface_agreement' && l.targetId)
    return (
      <AnchorLink to="/interface-agreements/$id" params={{ id: l.targetId }}>
        {t('iec62443.linkKind.interface_agreement')}: {label}
      </AnchorLink>
    );
  return (
    <Anchor size="sm" href={l.url ?? undefined} target={l.url?.startsWith('/') ? undefined : '_blank'} rel="noreferrer">
      {label}
    </Anchor>
  );
}

/** The evidence text, its links and the owner, as a reader sees them. */
export function Evidence({ evidence, links, ownerName }: { evidence: string | null; links: Link[]; ownerName: string | null }) {
  const { t } = useTranslation();
  return (
    <>
      {evidence && (
        <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
          {evidence}
        </Text>
      )}
      {links.length > 0 && (
        <Group gap="sm" wrap="wrap">
          {links.map((l, i) => (
            <EvidenceLink key={i} l={l} />
          ))}
        </Group>
      )}
      {ownerName && (
        <Text size="xs" c="dimmed">
          {t('iec62443.fields.owner')}: {ownerName}
        </Text>
      )}
    </>
  );
}
