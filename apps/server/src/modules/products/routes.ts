import {
  CreateProductBody,
  CreateReleaseBody,
  IdParams,
  page,
  Product,
  ProductDetail,
  ProductListQuery,
  Release,
  UpdateProductBody,
} from '@mamori/contracts';
import type { Module } from '../../platform/http/module';
import { createProduct, createRelease, getProduct, listProducts, updateProduct } from './products';

export const productsModule: Module = () =>
  async function productRoutes(app) {
    const tags = ['products'];
    const read = { access: { action: 'products:read' as const } };
    const manage = { access: { action: 'products:manage' as const } };

    app.get(
      '/products',
      { config: read, schema: { tags, querystring: ProductListQuery, response: { 200: page(Product) } } },
      (req) => listProducts(req.ctx, req.query),
    );
    app.get('/products/:id', { config: read, schema: { tags, params: IdParams, response: { 200: ProductDetail } } }, (req) =>
      getProduct(req.ctx, req.params.id),
    );
    app.post(
      '/products',
      { config: manage, schema: { tags, body: CreateProductBody, response: { 201: Product } } },
      async (req, reply) => reply.code(201).send(await createProduct(req.ctx, req.body)),
    );
    app.patch(
      '/products/:id',
      { config: manage, schema: { tags, params: IdParams, body: UpdateProductBody, response: { 200: Product } } },
      (req) => updateProduct(req.ctx, req.params.id, req.body),
    );
    app.post(
      '/products/:id/releases',
      { config: manage, schema: { tags, params: IdParams, body: CreateReleaseBody, response: { 201: Release } } },
      async (req, reply) => reply.code(201).send(await createRelease(req.ctx, req.params.id, req.body)),
    );
  };
