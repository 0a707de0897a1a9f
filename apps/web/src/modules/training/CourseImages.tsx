import { ActionIcon, Button, Code, FileButton, Group, Image, Stack, Text, TextInput, Title } from '@mantine/core';
import type { Course } from '@mamori/contracts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { buildUrl } from '../../api/client';
import { notifySuccess, ProblemAlert } from '../../components/problem';
import { Table } from '../../components/Table';
import { deleteCourseImage, uploadCourseImage, useTrainingMutation } from './api';

/** A file name as an image name: lower case, letters, digits and hyphens, at most 40 characters. */
export function imageNameOf(fileName: string): string {
  const base = fileName
    .replace(/\.[^.]*$/, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40);
  return base || 'image';
}

/**
 * The course's images: upload (PNG, JPEG, WebP; the name the text uses, taken from the file name unless typed), the
 * line to paste into a text, and removal of one no published version shows (the server refuses the others).
 */
export function CourseImages({ course }: { course: Course }) {
  const { t } = useTranslation();
  const [name, setName] = useState('');
  const upload = useTrainingMutation(uploadCourseImage);
  const remove = useTrainingMutation(deleteCourseImage);
  const onFile = (file: File | null) => {
    if (!file) return;
    const imageName = name.trim() || imageNameOf(file.name);
    upload.mutate(
      { courseId: course.id, name: imageName, file },
      { onSuccess: () => (setName(''), notifySuccess(t('courses.imageSaved', { name: imageName }))) },
    );
  };
  return (
    <Stack gap="xs" data-testid="course-images">
      <Title order={4}>{t('courses.images')}</Title>
      <Text size="sm" c="dimmed">
        {t('courses.imagesHelp')}
      </Text>
      {course.images.length > 0 && (
        <Table minWidth={480}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('courses.image')}</Table.Th>
              <Table.Th>{t('courses.imageLine')}</Table.Th>
              <Table.Th>{t('courses.imageSize')}</Table.Th>
              <Table.Th aria-label={t('courses.imageRemove')} />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {course.images.map((img) => (
              <Table.Tr key={img.name}>
                <Table.Td>
                  <Image
                    src={buildUrl(`/courses/${course.id}/images/${img.name}`)}
                    alt={img.name}
                    h={40}
                    w="auto"
                    fit="contain"
                  />
                </Table.Td>
                <Table.Td>
                  <Code>{`![…](image:${img.name})`}</Code>
                </Table.Td>
                <Table.Td>{t('courses.imageKb', { n: Math.max(1, Math.round(img.size / 1024)) })}</Table.Td>
                <Table.Td>
                  <ActionIcon
                    variant="subtle"
                    color="red"
                    aria-label={t('courses.imageRemoveNamed', { name: img.name })}
                    onClick={() => remove.mutate({ courseId: course.id, name: img.name })}
                  >
                    ×
                  </ActionIcon>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <Group align="end" wrap="wrap">
        <TextInput
          label={t('courses.imageName')}
          description={t('courses.imageNameHelp')}
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          maxLength={40}
        />
        <FileButton onChange={onFile} accept="image/png,image/jpeg,image/webp">
          {(props) => (
            <Button {...props} variant="light" loading={upload.isPending} data-testid="course-image-upload">
              {t('courses.imageUpload')}
            </Button>
          )}
        </FileButton>
      </Group>
      <ProblemAlert error={upload.error ?? remove.error} />
    </Stack>
  );
}
