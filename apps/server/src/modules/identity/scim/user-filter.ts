import { sql } from 'drizzle-orm';
import { users } from '../../../platform/auth/tables';
import { badRequest } from './errors';
import { CORE_USER, ENTERPRISE_ATTRS, ENTERPRISE_USER, findAttr, USER_ATTRS } from './schema';
import { jsonArray, jsonText, type Resolver } from './sql-filter';
import { scimGroupMembers, scimUsers } from './tables';

const resource = sql`${scimUsers.resource}`;

/** How a filter's attribute paths read the tables (scim_users s, users u). */
export const userResolver: Resolver = (p) => {
  const uri = p.uri?.toLowerCase();
  const defs =
    uri === ENTERPRISE_USER.toLowerCase() ? ENTERPRISE_ATTRS : !uri || uri === CORE_USER.toLowerCase() ? USER_ATTRS : undefined;
  const def = findAttr(defs, p.attr);
  if (!def) return undefined;
  const key = `${def.name}${p.sub ? `.${p.sub.toLowerCase()}` : ''}`.toLowerCase();
  switch (key) {
    case 'id':
      return { kind: 'scalar', expr: sql`${scimUsers.userId}::text`, type: 'string', caseExact: false };
    case 'username':
      return { kind: 'scalar', expr: sql`${scimUsers.userName}`, type: 'string', caseExact: false };
    case 'externalid':
      return { kind: 'scalar', expr: sql`${scimUsers.externalId}`, type: 'string', caseExact: true };
    case 'active':
      return { kind: 'scalar', expr: sql`(${users.status} = 'active')`, type: 'boolean', caseExact: true };
    case 'meta.created':
      return { kind: 'scalar', expr: sql`${scimUsers.createdAt}`, type: 'dateTime', caseExact: true };
    case 'meta.lastmodified':
      return { kind: 'scalar', expr: sql`${scimUsers.updatedAt}`, type: 'dateTime', caseExact: true };
    case 'groups':
    case 'groups.value':
      return {
        kind: 'multi',
        exists: (cond) =>
          sql`EXISTS (SELECT 1 FROM ${scimGroupMembers} gm WHERE gm.user_id = ${scimUsers.userId} AND ${cond((n) => {
            if (n.toLowerCase() !== 'value') throw badRequest('invalidFilter', `Invalid filter: groups.${n} cannot be filtered`);
            return { kind: 'scalar', expr: sql`gm.group_id::text`, type: 'string', caseExact: false };
          })})`,
      };
  }
  if (def.name === 'meta') return undefined;
  const base = defs === ENTERPRISE_ATTRS ? [ENTERPRISE_USER] : [];
  if (def.multiValued)
    return jsonArray(resource, def.name, (n) => {
      const sub = findAttr(def.subAttributes, n);
      return sub && { name: sub.name, type: sub.type, caseExact: sub.caseExact ?? false };
    });
  if (def.type === 'complex') {
    const sub = p.sub && findAttr(def.subAttributes, p.sub);
    if (!sub) return undefined;
    return { kind: 'scalar', expr: jsonText(resource, [...base, def.name, sub.name]), type: sub.type, caseExact: false };
  }
  if (p.sub) return undefined;
  return { kind: 'scalar', expr: jsonText(resource, [...base, def.name]), type: def.type, caseExact: false };
};
