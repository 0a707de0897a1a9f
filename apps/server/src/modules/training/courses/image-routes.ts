import { Course, CourseImageParams } from '@mamori/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { getCourse } from './courses';
import { deleteImage, IMAGE_LIMIT, IMAGE_TYPES, imageFile, putImage } from './images';
import { rawBody } from '../../../platform/files/raw-body';

/**
 * A course's images (issue #13, "rich text with images"): the office uploads them (the body is the file; its type
 * is sniffed from the bytes), everyone who takes training reads them. They are served as what they are, never as a
 * page: nosniff, no script, a fixed content type from the upload's own signature.
 */
export const courseImageRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['training'];
  const take = { access: { action: 'training:take' as const } };
  const manage = { access: { action: 'training:manage' as const } };
  app.addContentTypeParser([...IMAGE_TYPES], { parseAs: 'buffer', bodyLimit: IMAGE_LIMIT }, (_req, body, done) =>
    done(null, body),
  );
  app.put(
    '/courses/:id/images/:name',
    {
      config: manage,
      bodyLimit: IMAGE_LIMIT,
      schema: {
        tags,
        summary: 'Upload an image the course text shows as ![alt](image:name) (PNG, JPEG or WebP, at most 2 MB)',
        params: CourseImageParams,
        consumes: [...IMAGE_TYPES],
        response: { 200: Course },
      },
    },
    async (req) => {
      await putImage(req.ctx, req.params.id, req.params.name, rawBody(req.body));
      return getCourse(req.ctx, req.params.id);
    },
  );
  app.delete(
    '/courses/:id/images/:name',
    { config: manage, schema: { tags, summary: 'Remove an image no published version shows', params: CourseImageParams } },
    async (req, reply) => {
      await deleteImage(req.ctx, req.params.id, req.params.name);
      return reply.code(204).send();
    },
  );
  app.get(
    '/courses/:id/images/:name',
    { config: take, schema: { tags, summary: "An image of a course's text", params: CourseImageParams } },
    async (req, reply) => {
      const f = await imageFile(req.ctx.db, req.params.id, req.params.name);
      return reply
        .type(f.contentType)
        .header('x-content-type-options', 'nosniff')
        .header('content-security-policy', "default-src 'none'")
        .header('cache-control', 'private, max-age=300')
        .header('etag', `"${f.sha256}"`)
        .send(f.content);
    },
  );
};
