import { Badge, Button, Card, Group, NumberInput, Select, Stack, Text, Textarea, TextInput, Title, Anchor } from '@mantine/core';
import { COURSE_CATEGORIES, type Course, type CourseContent } from '@mamori/contracts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from '@tanstack/react-router';
import { fieldError, notifySuccess, ProblemAlert } from '../../components/problem';
import { Table } from '../../components/Table';
import { publishCourse, saveCourse, useCourse, useCourses, useTrainingMutation } from './api';
import { CourseImages } from './CourseImages';
import { QuizEditor } from './QuizEditor';

const EMPTY: CourseContent = { titleJa: '', titleEn: '', bodyJa: '', bodyEn: '', videoUrl: null, quiz: null };

/** The course catalogue and its editor: editing a published course makes a new (draft) version until published. */
export function CoursesPage() {
  const { t, i18n } = useTranslation();
  const courses = useCourses();
  const [editing, setEditing] = useState<string | null | 'new'>(null);
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>{t('courses.title')}</Title>
        <Group gap="md">
          <Anchor component={Link} to="/training/curricula">
            {t('courses.curricula')}
          </Anchor>
          <Anchor component={Link} to="/training/self-checks">
            {t('courses.selfChecks')}
          </Anchor>
          <Button onClick={() => setEditing('new')} data-testid="course-new">
            {t('courses.new')}
          </Button>
        </Group>
      </Group>
      {editing && <CourseEditor key={editing} id={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
      <ProblemAlert error={courses.error} />
      <Table striped minWidth={560} data-testid="courses-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('courses.code')}</Table.Th>
            <Table.Th>{t('courses.name')}</Table.Th>
            <Table.Th>{t('courses.category')}</Table.Th>
            <Table.Th>{t('courses.version')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {(courses.data ?? []).map((c) => (
            <Table.Tr key={c.id}>
              <Table.Td>{c.code}</Table.Td>
              <Table.Td>
                <Anchor component="button" onClick={() => setEditing(c.id)}>
                  {i18n.language === 'ja' ? c.titleJa : c.titleEn}
                </Anchor>
              </Table.Td>
              <Table.Td>{t(`courses.categories.${c.category}`)}</Table.Td>
              <Table.Td>
                {c.publishedVersion ? t('courses.publishedN', { n: c.publishedVersion }) : t('courses.unpublished')}
                {c.latestVersion !== c.publishedVersion && (
                  <Badge ml="xs" color="yellow">
                    {t('courses.draftN', { n: c.latestVersion })}
                  </Badge>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}

function CourseEditor({ id, onClose }: { id: string | null; onClose: () => void }) {
  const { t } = useTranslation();
  const existing = useCourse(id);
  if (id && !existing.data) return <ProblemAlert error={existing.error} />;
  return <EditorForm course={existing.data ?? null} onClose={onClose} key={existing.data?.rowVersion ?? 'new'} t={t} />;
}

function EditorForm({
  course,
  onClose,
  t,
}: {
  course: Course | null;
  onClose: () => void;
  t: (k: string, o?: Record<string, unknown>) => string;
}) {
  const [code, setCode] = useState(course?.code ?? '');
  const [category, setCategory] = useState<string>(course?.category ?? 'other');
  const [validity, setValidity] = useState<number | ''>(course?.validityMonths ?? 12);
  const [content, setContent] = useState<CourseContent>(course?.content ?? EMPTY);
  const save = useTrainingMutation(saveCourse);
  const publish = useTrainingMutation(publishCourse);
  const set = (k: keyof CourseContent) => (e: { currentTarget: { value: string } }) =>
    setContent({ ...content, [k]: e.currentTarget.value });
  const onSave = () => {
    const body = { ...content, videoUrl: content.videoUrl || null };
    const validityMonths = validity === '' ? null : validity;
    save.mutate(
      course
        ? {
            id: course.id,
            rowVersion: course.rowVersion,
            body: { category: category as Course['category'], validityMonths, content: body },
          }
        : { id: null, body: { code, category: category as Course['category'], validityMonths, content: body } },
      { onSuccess: () => notifySuccess(t('courses.saved')) },
    );
  };
  const err = (f: string) => fieldError(save.error, f);
  return (
    <Card withBorder data-testid="course-editor">
      <Stack>
        <Title order={3}>{course ? `${course.code}` : t('courses.new')}</Title>
        {course && (
          <Text size="sm" c="dimmed">
            {course.publishedVersion ? t('courses.publishedN', { n: course.publishedVersion }) : t('courses.unpublished')} ·{' '}
            {t('courses.editNote')}
          </Text>
        )}
        {!course && (
          <TextInput
            label={t('courses.code')}
            value={code}
            onChange={(e) => setCode(e.currentTarget.value)}
            error={err('code')}
            required
          />
        )}
        <Group grow wrap="wrap">
          <Select
            label={t('courses.category')}
            value={category}
            onChange={(v) => setCategory(v ?? 'other')}
            data={COURSE_CATEGORIES.map((c) => ({ value: c, label: t(`courses.categories.${c}`) }))}
            allowDeselect={false}
          />
          <NumberInput
            label={t('courses.validity')}
            value={validity}
            onChange={(v) => setValidity(typeof v === 'number' ? v : '')}
            min={1}
            max={120}
          />
        </Group>
        <TextInput
          label={t('courses.titleJa')}
          value={content.titleJa}
          onChange={set('titleJa')}
          error={err('content.titleJa')}
          required
        />
        <TextInput
          label={t('courses.titleEn')}
          value={content.titleEn}
          onChange={set('titleEn')}
          error={err('content.titleEn')}
          required
        />
        <Textarea
          label={t('courses.bodyJa')}
          description={t('courses.markdown')}
          value={content.bodyJa}
          onChange={set('bodyJa')}
          autosize
          minRows={4}
        />
        <Textarea label={t('courses.bodyEn')} value={content.bodyEn} onChange={set('bodyEn')} autosize minRows={4} />
        {course && <CourseImages course={course} />}
        <TextInput
          label={t('courses.video')}
          value={content.videoUrl ?? ''}
          onChange={set('videoUrl')}
          error={err('content.videoUrl')}
          placeholder="https://"
        />
        <Title order={4}>{t('courses.quiz')}</Title>
        <QuizEditor value={content.quiz} onChange={(quiz) => setContent({ ...content, quiz })} error={err} />
        <ProblemAlert error={save.error ?? publish.error} listErrors={false} />
        <Group>
          <Button onClick={onSave} loading={save.isPending} data-testid="course-save">
            {t('courses.save')}
          </Button>
          {course && course.latestVersion !== course.publishedVersion && (
            <Button
              variant="light"
              color="green"
              onClick={() => publish.mutate(course, { onSuccess: () => notifySuccess(t('courses.publishedDone')) })}
            >
              {t('courses.publish', { n: course.latestVersion })}
            </Button>
          )}
          <Button variant="subtle" onClick={onClose}>
            {t('courses.close')}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}
