import { ActionIcon, Button, Group, Loader, Stack, Text, UnstyledButton } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OrgUnit } from '../../api/types';
import { useLocalName } from '../../components/names';
import { ProblemAlert } from '../../components/problem';
import { useOrgChildren } from './api';

interface TreeProps {
  selectedId: string | null;
  onSelect: (id: string) => void;
}

/** The org tree, one level fetched when its parent is expanded (3,000 units: never load all at once). */
export function OrgTree(props: TreeProps) {
  return (
    <Stack gap={2} data-testid="org-tree" role="tree">
      <Level parentId="root" depth={0} {...props} />
    </Stack>
  );
}

function Level({ parentId, depth, ...props }: TreeProps & { parentId: string; depth: number }) {
  const { t } = useTranslation();
  const list = useOrgChildren(parentId);
  if (list.isPending) return <Loader size="xs" ml={depth * 18 + 24} />;
  if (list.isError) return <ProblemAlert error={list.error} />;
  if (depth === 0 && list.items.length === 0) {
    return (
      <Text c="dimmed" size="sm" data-testid="org-empty">
        {t('org.empty')}
      </Text>
    );
  }
  return (
    <>
      {list.items.map((u) => (
        <Node key={u.id} unit={u} depth={depth} {...props} />
      ))}
      {list.hasNextPage && (
        <Button variant="subtle" size="xs" ml={depth * 18 + 24} onClick={list.loadMore} loading={list.isFetchingNextPage}>
          {t('common.loadMore')}
        </Button>
      )}
    </>
  );
}

function Node({ unit, depth, selectedId, onSelect }: TreeProps & { unit: OrgUnit; depth: number }) {
  const { t } = useTranslation();
  const name = useLocalName();
  const [open, setOpen] = useState(false);
  const selected = unit.id === selectedId;
  return (
    <>
      <Group gap={4} pl={depth * 18} wrap="nowrap" role="treeitem" aria-expanded={unit.childCount > 0 ? open : undefined}>
        <ActionIcon
          variant="subtle"
          size="sm"
          onClick={() => setOpen((o) => !o)}
          disabled={unit.childCount === 0}
          aria-label={open ? t('org.collapse') : t('org.expand')}
          data-testid={`org-toggle-${unit.code}`}
        >
          {unit.childCount === 0 ? '·' : open ? '▾' : '▸'}
        </ActionIcon>
        <UnstyledButton
          onClick={() => onSelect(unit.id)}
          data-testid={`org-node-${unit.code}`}
          aria-current={selected || undefined}
          px={6}
          style={{ borderRadius: 4, background: selected ? 'var(--mantine-color-indigo-light)' : undefined }}
        >
          <Text size="sm" fw={selected ? 700 : 400} span>
            {name(unit)}
          </Text>{' '}
          <Text size="xs" c="dimmed" span>
            {unit.code}
          </Text>
        </UnstyledButton>
      </Group>
      {open && <Level parentId={unit.id} depth={depth + 1} selectedId={selectedId} onSelect={onSelect} />}
    </>
  );
}
