import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodePng } from '../../../platform/files/png';
import { as, json } from '../../../test/app';
import { inParallel } from '../../../test/concurrency';
import { trainingCatalog } from '../catalog';
import { catalogImages } from '../catalog-images';
import { quizCourse, trainingWorld, type TrainingWorld } from '../test-world';
import { IMAGES_PER_COURSE, imagesIn, sniffImage } from './images';

type Problem = { status: number; detailCode?: string; errors?: { path: string; code?: string }[] };
type Course = { id: string; images: { name: string; contentType: string; size: number }[]; rowVersion: number };

let w: TrainingWorld;
let courseId: string;
const png = (shade = 0) => encodePng(2, 2, new Uint8Array(16).fill(shade));
const putImage = (name: string, body: Buffer, u = w.office, type = 'image/png') =>
  as(w.t.app, u).put(`/api/courses/${courseId}/images/${name}`, body, { 'content-type': type });

beforeAll(async () => {
  w = await trainingWorld();
  const course = quizCourse('IMG-1');
  course.content.bodyJa = '# 見分け方\n![不審なメールの例](image:mail-anatomy)\n差出人を確かめます。';
  course.content.bodyEn = '# Spotting it\n![A suspicious mail](image:mail-anatomy)\nCheck the sender.';
  courseId = json<{ id: string }>(await as(w.t.app, w.office).post('/api/courses', course)).id;
});
afterAll(() => w.t.close());

describe('course images', () => {
  it('reads image names from the text and image types from the bytes, never from the declared type', () => {
    expect(imagesIn('a ![x](image:one) b ![y](image:two)\n![z](image:one) ![w](https://evil.example/x.png)')).toEqual([
      'one',
      'two',
    ]);
    expect(sniffImage(png())).toBe('image/png');
    expect(sniffImage(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0]))).toBe('image/jpeg');
    expect(sniffImage(Buffer.from('RIFF\0\0\0\0WEBPVP8 '))).toBe('image/webp');
    expect(sniffImage(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'))).toBeNull();
  });

  it("draws every image the catalogue's course texts show, as a PNG", () => {
    for (const course of trainingCatalog().courses) {
      const shown = [...imagesIn(course.content.bodyJa), ...imagesIn(course.content.bodyEn)];
      for (const name of shown) {
        const draw = catalogImages[course.code]?.[name];
        expect(draw, `${course.code}: ${name}`).toBeDefined();
        expect(sniffImage(draw!())).toBe('image/png');
      }
    }
    expect(Object.keys(catalogImages).length).toBeGreaterThan(0);
  });

  it('refuses to publish a text that shows an image the course lacks, naming both bodies', async () => {
    const res = await as(w.t.app, w.office).post(`/api/courses/${courseId}/publish`);
    expect(res.statusCode).toBe(409);
    expect(json<Problem>(res).errors).toEqual([
      expect.objectContaining({ path: 'content.bodyJa', code: 'training.image_missing' }),
      expect.objectContaining({ path: 'content.bodyEn', code: 'training.image_missing' }),
    ]);
  });

  it('lets only the office upload; refuses what is not a PNG, JPEG or WebP whatever its declared type', async () => {
    for (const u of [w.employee, w.headA, w.officeA, w.partner])
      expect((await putImage('mail-anatomy', png(), u)).statusCode).toBe(403);
    const svg = await putImage('mail-anatomy', Buffer.from('<svg onload="alert(1)"/>'));
    expect(svg.statusCode).toBe(400);
    expect(json<Problem>(svg).errors).toEqual([expect.objectContaining({ path: 'body', code: 'training.not_an_image' })]);
    expect((await putImage('Bad Name', png())).statusCode).toBe(400);
    expect((await putImage('mail-anatomy', Buffer.from('GIF89a'), w.office, 'image/gif')).statusCode).toBe(415);
    const big = Buffer.concat([png(), Buffer.alloc(2 * 1024 * 1024)]);
    expect((await putImage('mail-anatomy', big)).statusCode).toBe(413);
    const course = json<Course>(await as(w.t.app, w.office).get(`/api/courses/${courseId}`));
    expect(course.images).toEqual([]);
  });

  it('answers an upload without a file body (none, JSON, text) with a 400 naming the body, for images and the PDF', async () => {
    const send = (url: string, type?: string, payload?: string) =>
      w.t.app.inject({
        method: 'PUT',
        url,
        headers: { authorization: `Bearer ${w.office.token}`, ...(type ? { 'content-type': type } : {}) },
        ...(payload === undefined ? {} : { payload }),
      });
    for (const url of [`/api/courses/${courseId}/images/mail-anatomy`, `/api/courses/${courseId}/attachment?name=a.pdf`])
      for (const [type, payload] of [
        [undefined, undefined],
        ['application/json', '{}'],
        ['text/plain', 'x'],
      ] as const) {
        const res = await send(url, type, payload);
        expect(res.statusCode, `${url} ${type}`).toBe(400);
        expect(json<Problem>(res).errors).toEqual([expect.objectContaining({ path: 'body', code: 'validation.required' })]);
      }
  });

  it('serves the image to everyone who takes training, as an image that cannot run script; refuses partners', async () => {
    const up = await putImage('mail-anatomy', png(10), w.office, 'image/jpeg');
    expect(up.statusCode).toBe(200);
    expect(json<Course>(up).images).toEqual([expect.objectContaining({ name: 'mail-anatomy', contentType: 'image/png' })]);
    const res = await as(w.t.app, w.employee).get(`/api/courses/${courseId}/images/mail-anatomy`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('image/png');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toBe("default-src 'none'");
    expect(res.rawPayload.equals(png(10))).toBe(true);
    expect((await as(w.t.app, w.partner).get(`/api/courses/${courseId}/images/mail-anatomy`)).statusCode).toBe(403);
    expect((await as(w.t.app, w.employee).get(`/api/courses/${courseId}/images/other`)).statusCode).toBe(404);
  });

  it('keeps what the published version shows: its image is neither replaced nor removed', async () => {
    expect((await as(w.t.app, w.office).post(`/api/courses/${courseId}/publish`)).statusCode).toBe(200);
    const replace = await putImage('mail-anatomy', png(200));
    expect(replace.statusCode).toBe(409);
    expect(json<Problem>(replace).detailCode).toBe('training.image_published');
    expect((await as(w.t.app, w.office).delete(`/api/courses/${courseId}/images/mail-anatomy`)).statusCode).toBe(409);
    const res = await as(w.t.app, w.employee).get(`/api/courses/${courseId}/images/mail-anatomy`);
    expect(res.rawPayload.equals(png(10))).toBe(true);
    // an image no version shows is replaced and removed freely
    expect((await putImage('draft-only', png(1))).statusCode).toBe(200);
    expect((await putImage('draft-only', png(2))).statusCode).toBe(200);
    expect((await as(w.t.app, w.office).delete(`/api/courses/${courseId}/images/draft-only`)).statusCode).toBe(204);
  });

  it('holds at most the limit of images per course, also when uploads race', async () => {
    const names = Array.from({ length: IMAGES_PER_COURSE + 3 }, (_, i) => `racer-${i}`);
    const results = await inParallel(names.length, (i) => putImage(names[i]!, png(3)));
    const ok = results.filter((r) => r.statusCode === 200).length;
    const course = json<Course>(await as(w.t.app, w.office).get(`/api/courses/${courseId}`));
    expect(course.images.length).toBe(IMAGES_PER_COURSE);
    expect(ok).toBe(IMAGES_PER_COURSE - 1); // mail-anatomy holds one place
    const refused = results.find((r) => r.statusCode !== 200)!;
    expect(json<Problem>(refused).detailCode).toBe('training.too_many_images');
  });
});
