import { Badge, Box, Group, Paper, Select, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocalName } from '../../components/names';
import { NODE_KINDS, type TaraAnalysis, type TaraNode, useTaraChange } from './api';
import { FeasibilityBadge } from './badges';
import { FormModal } from './FormModal';
import { SectionHead } from './ItemTables';

/** One threat's tree as an indented list: gates (AND/OR) with their derived feasibility, leaves with their sum. */
function Tree({ nodes, parentId, depth }: { nodes: TaraNode[]; parentId: string | null; depth: number }) {
  const { t } = useTranslation();
  const here = nodes.filter((n) => n.parentId === parentId);
  if (!here.length) return null;
  return (
    <Box component="ul" style={{ listStyle: 'none', margin: 0, paddingInlineStart: depth ? 20 : 0 }}>
      {here.map((n) => (
        <li key={n.id} data-testid="attack-node" data-title={n.title}>
          <Group gap={6} wrap="wrap" py={2}>
            <Badge size="sm" variant="outline" color={n.kind === 'leaf' ? 'gray' : 'indigo'}>
              {t(`tara.nodeKind.${n.kind}`)}
            </Badge>
            <Text size="sm">{n.title}</Text>
            {n.attackPotential !== null && (
              <Text size="xs" c="dimmed">
                {t('taraPages.trees.potential', { value: n.attackPotential })}
              </Text>
            )}
            <FeasibilityBadge value={n.feasibility} />
          </Group>
          <Tree nodes={nodes} parentId={n.id} depth={depth + 1} />
        </li>
      ))}
    </Box>
  );
}

export function AttackTrees({ analysis, canManage }: { analysis: TaraAnalysis; canManage: boolean }) {
  const { t } = useTranslation();
  const localName = useLocalName();
  const [adding, setAdding] = useState(false);
  const [form, setForm] = useState({ threatId: '', parentId: '', kind: 'leaf', title: '' });
  const [ratings, setRatings] = useState<Record<string, string>>({});
  const change = useTaraChange(analysis);
  const close = () => {
    setAdding(false);
    change.reset();
  };
  const gates = analysis.attackNodes.filter((n) => n.threatId === form.threatId && n.kind !== 'leaf');
  const submit = () =>
    change.mutate(
      {
        method: 'POST',
        path: '/attack-nodes',
        json: { ...form, parentId: form.parentId || null, ratings: form.kind === 'leaf' ? ratings : null },
      },
      { onSuccess: close },
    );
  return (
    <Stack gap="xs" data-testid="tara-trees">
      <SectionHead
        title={t('taraPages.trees.title')}
        addLabel={t('taraPages.trees.add')}
        testId="tara-add-node"
        onAdd={canManage ? () => setAdding(true) : undefined}
      />
      <Text size="sm" c="dimmed">
        {t('taraPages.trees.intro')}
      </Text>
      {analysis.threatScenarios.map((th) => (
        <Paper withBorder p="sm" key={th.id}>
          <Group gap="xs" mb={4}>
            <Text fw={600} size="sm">
              {th.title}
            </Text>
            <FeasibilityBadge value={th.feasibility} />
          </Group>
          <Tree nodes={analysis.attackNodes.filter((n) => n.threatId === th.id)} parentId={null} depth={0} />
        </Paper>
      ))}
      {adding && (
        <FormModal
          title={t('taraPages.trees.add')}
          testId="tara-node-form"
          error={change.error}
          pending={change.isPending}
          onClose={close}
          onSubmit={submit}
        >
          <Select
            label={t('taraPages.fields.threat')}
            data={analysis.threatScenarios.map((x) => ({ value: x.id, label: x.title }))}
            value={form.threatId || null}
            onChange={(v) => setForm({ ...form, threatId: v ?? '', parentId: '' })}
          />
          <Select
            label={t('taraPages.fields.parent')}
            clearable
            data={gates.map((g) => ({ value: g.id, label: `${t(`tara.nodeKind.${g.kind}`)}: ${g.title}` }))}
            value={form.parentId || null}
            onChange={(v) => setForm({ ...form, parentId: v ?? '' })}
          />
          <Select
            label={t('taraPages.fields.kind')}
            allowDeselect={false}
            data={NODE_KINDS.map((k) => ({ value: k, label: t(`tara.nodeKind.${k}`) }))}
            value={form.kind}
            onChange={(v) => setForm({ ...form, kind: v ?? 'leaf' })}
          />
          <TextInput
            label={t('taraPages.fields.title')}
            required
            value={form.title}
            onChange={(e) => setForm({ ...form, title: e.currentTarget.value })}
          />
          {form.kind === 'leaf' &&
            analysis.method.feasibility.factors.map((f) => (
              <Select
                key={f.code}
                label={localName(f)}
                data={f.levels.map((l) => ({ value: l.code, label: `${localName(l)} (${l.value})` }))}
                value={ratings[f.code] ?? null}
                onChange={(v) => setRatings({ ...ratings, [f.code]: v ?? '' })}
              />
            ))}
        </FormModal>
      )}
    </Stack>
  );
}
