import { describe, expect, it } from 'vitest';
import { ScimError } from './errors';
import { parseFilter, parsePatchPath } from './filter';
import { applyPatch } from './patch';
import { ENTERPRISE_ATTRS, ENTERPRISE_USER, PATCH_OP, USER_ATTRS } from './schema';

const scimTypeOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (err) {
    return err instanceof ScimError ? `${err.status} ${err.scimType}` : String(err);
  }
  return 'no error';
};

describe('SCIM filter parser', () => {
  it('reads comparisons, presence, and/or/not with the RFC precedence, value paths and URN attributes', () => {
    expect(parseFilter('userName eq "bjensen"')).toEqual({ kind: 'cmp', path: { attr: 'userName' }, op: 'eq', value: 'bjensen' });
    expect(parseFilter('title pr and userType eq "Employee" or active eq false')).toMatchObject({
      kind: 'or',
      left: { kind: 'and', left: { kind: 'pr' }, right: { kind: 'cmp', value: 'Employee' } },
      right: { kind: 'cmp', value: false },
    });
    expect(parseFilter('not (emails co "example.com") AND meta.lastModified GT "2011-05-13T04:42:34Z"')).toMatchObject({
      kind: 'and',
      left: { kind: 'not' },
      right: { kind: 'cmp', op: 'gt', path: { attr: 'meta', sub: 'lastModified' } },
    });
    expect(parseFilter('emails[type eq "work" and value co "@example.com"]')).toMatchObject({
      kind: 'valuePath',
      path: { attr: 'emails' },
      filter: { kind: 'and' },
    });
    expect(parseFilter(`${ENTERPRISE_USER}:employeeNumber eq "701984"`)).toMatchObject({
      path: { uri: ENTERPRISE_USER, attr: 'employeeNumber' },
    });
    expect(parseFilter('userName eq "a \\"quoted\\" name"')).toMatchObject({ value: 'a "quoted" name' });
  });

  it('refuses what is not a filter with invalidFilter', () => {
    for (const bad of [
      '',
      'userName',
      'userName eq',
      'userName equals "x"',
      'userName eq "x',
      'userName eq bjensen',
      '(userName eq "x"',
      'userName eq "x")',
      'userName eq "x" and',
      'emails[type eq "work"',
      "userName eq 'x'",
      'userName eq "x" ; DROP TABLE users',
      '((((((((((((((((((userName eq "x"))))))))))))))))))',
      Array.from({ length: 80 }, (_, i) => `userName eq "${i}"`).join(' or '),
      'x'.repeat(3000),
    ])
      expect(
        scimTypeOf(() => parseFilter(bad)),
        bad,
      ).toBe('400 invalidFilter');
  });

  it('reads PATCH paths with a value filter and a sub-attribute', () => {
    expect(parsePatchPath('emails[type eq "work"].value')).toMatchObject({
      path: { attr: 'emails' },
      filter: { kind: 'cmp', value: 'work' },
      subAfterFilter: 'value',
    });
    expect(scimTypeOf(() => parsePatchPath('emails[type eq "work"]value'))).toBe('400 invalidPath');
    expect(scimTypeOf(() => parsePatchPath('name..givenName'))).toBe('400 invalidPath');
  });
});

describe('SCIM PATCH on a document', () => {
  const schemas = { core: USER_ATTRS, extension: { urn: ENTERPRISE_USER, attrs: ENTERPRISE_ATTRS } };
  const doc = { userName: 'a@x.test', emails: [{ type: 'work', value: 'a@x.test', primary: true }], active: true };
  const patch = (...Operations: unknown[]) => applyPatch(doc, { schemas: [PATCH_OP], Operations }, schemas);

  it('applies Entra ID and Okta shapes', () => {
    expect(patch({ op: 'Replace', path: 'active', value: 'False' }).active).toBe(false);
    expect(patch({ op: 'replace', value: { id: 'x', active: false } }).active).toBe(false);
    expect(patch({ op: 'replace', path: 'emails[type eq "work"].value', value: 'b@x.test' }).emails).toEqual([
      { type: 'work', value: 'b@x.test', primary: true },
    ]);
    expect(patch({ op: 'add', path: 'emails[type eq "home"].value', value: 'h@x.test' }).emails).toHaveLength(2);
    expect(patch({ op: 'add', path: `${ENTERPRISE_USER}:department`, value: '品質保証部' })[ENTERPRISE_USER]).toEqual({
      department: '品質保証部',
    });
    expect(patch({ op: 'add', value: { 'name.givenName': '花子', [ENTERPRISE_USER]: { employeeNumber: '42' } } })).toMatchObject({
      name: { givenName: '花子' },
      [ENTERPRISE_USER]: { employeeNumber: '42' },
    });
    expect(patch({ op: 'remove', path: 'emails[type eq "work"]' }).emails).toEqual([]);
    expect(doc.emails).toHaveLength(1); // the input is never changed
  });

  it('refuses an unknown attribute (invalidPath), a filter without a match (noTarget), a read-only attribute', () => {
    expect(scimTypeOf(() => patch({ op: 'replace', path: 'favouriteColour', value: 'blue' }))).toBe('400 invalidPath');
    expect(scimTypeOf(() => patch({ op: 'replace', path: 'name.nickname', value: 'x' }))).toBe('400 invalidPath');
    expect(scimTypeOf(() => patch({ op: 'replace', path: 'urn:example:custom:1.0:User:x', value: 'x' }))).toBe('400 invalidPath');
    expect(scimTypeOf(() => patch({ op: 'replace', value: { shoeSize: 42 } }))).toBe('400 invalidPath');
    expect(scimTypeOf(() => patch({ op: 'replace', path: 'emails[type eq "home"]', value: { value: 'x' } }))).toBe(
      '400 noTarget',
    );
    expect(scimTypeOf(() => patch({ op: 'remove' }))).toBe('400 noTarget');
    expect(scimTypeOf(() => patch({ op: 'replace', path: 'groups', value: [] }))).toBe('400 mutability');
    expect(scimTypeOf(() => patch({ op: 'replace', path: 'active', value: 'maybe' }))).toBe('400 invalidValue');
    expect(scimTypeOf(() => patch({ op: 'move', path: 'active', value: true }))).toBe('400 invalidSyntax');
    expect(scimTypeOf(() => applyPatch(doc, { Operations: [] }, schemas))).toBe('400 invalidSyntax');
  });
});
