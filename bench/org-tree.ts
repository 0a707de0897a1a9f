/** The bench org tree: 1 group company → sites → departments → sections (seeded, so its shape is stable). */
import { apportion, rng } from './lib';
import { CITIES, DEPARTMENTS, GROUP_NAME } from './names';

export interface Unit {
  id: string;
  parentId: string | null;
  code: string;
  kind: 'company' | 'site' | 'department' | 'section';
  nameJa: string;
  nameEn: string;
  path: string;
  depth: number;
  weight: number; // relative head count
}

/** 1 group company → sites → departments → sections, sizes varied (a large head office, big plants, small offices). */
export function buildOrgTree(N: { orgUnits: number; sites: number; departments: number }): Unit[] {
  const rand = rng(20_240_401);
  const units: Unit[] = [];
  const rootId = crypto.randomUUID();
  const root: Unit = {
    id: rootId,
    parentId: null,
    code: 'G',
    kind: 'company',
    nameJa: GROUP_NAME.ja,
    nameEn: GROUP_NAME.en,
    path: `/${rootId}/`,
    depth: 0,
    weight: 0,
  };
  units.push(root);
  const sectionsTotal = N.orgUnits - 1 - N.sites - N.departments;
  const siteWeights = Array.from({ length: N.sites }, (_, i) => (i === 0 ? 4 : i < 6 ? 2.5 : 0.4 + rand() * 1.2));
  const deptCounts = apportion(N.departments, siteWeights, 1);
  const sites: Unit[] = [];
  const depts: Unit[] = [];
  for (let s = 0; s < N.sites; s++) {
    const id = crypto.randomUUID();
    const city = CITIES[s % CITIES.length]!;
    const round = Math.floor(s / CITIES.length);
    const [kindJa, kindEn] = s === 0 ? ['本社', 'Head Office'] : round === 0 ? ['工場', 'Plant'] : ['事業所', 'Works'];
    const site: Unit = {
      id,
      parentId: rootId,
      code: `S${String(s + 1).padStart(3, '0')}`,
      kind: 'site',
      nameJa: `${city.ja}${kindJa}`,
      nameEn: `${city.en} ${kindEn}`,
      path: `${root.path}${id}/`,
      depth: 1,
      weight: 0.2 * siteWeights[s]!,
    };
    units.push(site);
    sites.push(site);
    for (let d = 0; d < deptCounts[s]!; d++) {
      const dept = DEPARTMENTS[(d + s) % DEPARTMENTS.length]!;
      const did = crypto.randomUUID();
      const unit: Unit = {
        id: did,
        parentId: id,
        code: `${site.code}-D${String(d + 1).padStart(2, '0')}`,
        kind: 'department',
        nameJa: `${dept.ja}部`,
        nameEn: `${dept.en} Department`,
        path: `${site.path}${did}/`,
        depth: 2,
        weight: siteWeights[s]! * (0.5 + rand()),
      };
      units.push(unit);
      depts.push(unit);
    }
  }
  const sectionCounts = apportion(
    sectionsTotal,
    depts.map((d) => d.weight),
    sectionsTotal >= depts.length ? 1 : 0,
  );
  depts.forEach((dept, i) => {
    const dn = DEPARTMENTS.find((x) => dept.nameEn.startsWith(x.en))!;
    for (let k = 0; k < sectionCounts[i]!; k++) {
      const id = crypto.randomUUID();
      units.push({
        id,
        parentId: dept.id,
        code: `${dept.code}-${String(k + 1).padStart(2, '0')}`,
        kind: 'section',
        nameJa: `${dn.ja}第${k + 1}課`,
        nameEn: `${dn.en} Section ${k + 1}`,
        path: `${dept.path}${id}/`,
        depth: 3,
        weight: (dept.weight / 3) * (0.5 + rand()),
      });
    }
    dept.weight *= 0.15; // department staff: a few people outside the sections
  });
  return units;
}
