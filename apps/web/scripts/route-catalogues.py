#!/usr/bin/env python3
"""
Keeps the web app's texts split by domain (apps/web/src/i18n/modules.ts). Run from the repository root:

    python3 apps/web/scripts/route-catalogues.py [keys,to,keep,in,the,shell]

1. Moves every top-level key of the shell's catalogue (apps/web/src/i18n/{ja,en}.json) that is used only by the
   files of one domain (apps/web/src/modules/<domain>/), and only reached through that domain's routes, into that
   domain's catalogue (modules/<domain>/i18n/{ja,en}.json). Navigation labels (app/nav.ts) stay in the shell.
2. Rewrites the lazy page imports in the route files (apps/web/src/routes/*.ts) as
   `withTexts([...domains], () => import(...))`, naming every domain catalogue whose keys the page's files (and the
   files they import) use.
Then run prettier on apps/web/src. The catalogue test and the e2e sweep (no raw key on any page) check the result.
"""
import json,os,re,sys,collections
root='apps/web/src'
files={}
for dp,dn,fn in os.walk(root):
    for f in fn:
        if f.endswith(('.ts','.tsx')) and not f.endswith('.test.ts') and not f.endswith('.test.tsx'):
            p=os.path.join(dp,f); files[p]=open(p).read()
en=json.load(open(f'{root}/i18n/en.json'))
def is_route_file(p):
    return p.endswith('router.tsx') or p.startswith('apps/web/src/routes/')
def moddir(p):
    m=re.match(r'apps/web/src/modules/([^/]+)/',p); return m.group(1) if m else None
# who imports modules/D from outside D (excluding the route files)
importers=collections.defaultdict(set)
for p,t in files.items():
    for m in re.finditer(r"from '([^']+)'|import\('([^']+)'\)",t):
        spec=m.group(1) or m.group(2)
        if not spec.startswith('.'): continue
        tgt=os.path.normpath(os.path.join(os.path.dirname(p),spec))
        d=moddir(tgt+'/')
        if d and moddir(p)!=d and not is_route_file(p):
            importers[d].add(p)
res={}
for k in en:
    users=set()
    for p,t in files.items():
        if re.search(r"['`\"]"+re.escape(k)+r"\.",t): users.add(p)
    users2={u for u in users if not u.endswith('app/nav.ts')}
    dirs={moddir(u) for u in users2}
    res[k]=(dirs,users2)
def resolve(p,spec):
    base=os.path.normpath(os.path.join(os.path.dirname(p),spec))
    for c in [base+'.ts',base+'.tsx',base+'/index.ts',base+'/index.tsx',base]:
        if c in files: return c
    return None
rev=collections.defaultdict(set); fwd=collections.defaultdict(set)
for p,t in files.items():
    for m in re.finditer(r"from '(\.[^']+)'|import\('(\.[^']+)'\)",t):
        r=resolve(p,m.group(1) or m.group(2))
        if r: rev[r].add(p); fwd[p].add(r)
def closure(f,g):
    seen={f}; st=[f]
    while st:
        x=st.pop()
        if is_route_file(x) and x!=f: continue
        for y in g[x]:
            if y not in seen: seen.add(y); st.append(y)
    return seen
skip=set(sys.argv[1].split(',')) if len(sys.argv)>1 else set()
moves={}
for k,(dirs,users) in res.items():
    if k in skip or len(dirs)!=1 or None in dirs: continue
    d=next(iter(dirs))
    if all(moddir(i)==d or is_route_file(i) for u in users for i in closure(u,rev)): moves[k]=d
print('moves',moves)
navlabels=set(re.findall(r"label: '([^']+)'",files['apps/web/src/app/nav.ts']))
keep=navlabels|{l+'Help' for l in navlabels}
def split(tree,prefix):
    """returns (kept, moved) subtrees"""
    kept=collections.OrderedDict(); moved=collections.OrderedDict()
    for k,v in tree.items():
        key=f'{prefix}.{k}'
        if isinstance(v,dict):
            if any(n==key or n.startswith(key+'.') for n in keep):
                a,b=split(v,key)
                if a: kept[k]=a
                if b: moved[k]=b
            else: moved[k]=v
        else:
            (kept if key in keep else moved)[k]=v
    return kept,moved
for lang in ['ja','en']:
    p=f'apps/web/src/i18n/{lang}.json'
    d=json.load(open(p),object_pairs_hook=collections.OrderedDict)
    per=collections.defaultdict(collections.OrderedDict)
    for k,mod in moves.items():
        v=d[k]
        kept,moved=split(v,k) if isinstance(v,dict) else ({},v)
        if kept: d[k]=kept
        else: del d[k]
        if moved: per[mod][k]=moved
    json.dump(d,open(p,'w'),ensure_ascii=False,indent=2); open(p,'a').write('\n')
    for mod,tree in per.items():
        mp=f'apps/web/src/modules/{mod}/i18n/{lang}.json'
        os.makedirs(os.path.dirname(mp),exist_ok=True)
        cur=json.load(open(mp),object_pairs_hook=collections.OrderedDict) if os.path.exists(mp) else collections.OrderedDict()
        def deep(a,b):
            for k,v in b.items():
                if isinstance(v,dict) and isinstance(a.get(k),dict): deep(a[k],v)
                else: a[k]=v
        deep(cur,tree)
        json.dump(cur,open(mp,'w'),ensure_ascii=False,indent=2); open(mp,'a').write('\n')
# which module catalogues each file needs (keys it uses from module catalogues)
owner={}
for dp,dn,fn in os.walk('apps/web/src/modules'):
    for f in fn:
        if dp.endswith('/i18n') and f=='en.json':
            mod=dp.split('/')[-2]
            def walk(t,pre):
                for k,v in t.items():
                    kk=f'{pre}.{k}' if pre else k
                    if isinstance(v,dict): walk(v,kk)
                    else: owner[kk]=mod
            walk(json.load(open(os.path.join(dp,f))),'')
tops=collections.defaultdict(set)
for k,m in owner.items(): tops[k.split('.')[0]].add(m)
def needs(f):
    out=set()
    for x in closure(f,fwd):
        if x.endswith('app/nav.ts'): continue  # navigation labels stay in the shell's catalogue
        t=files[x]
        for top,mods in tops.items():
            if re.search(r"['`\"]"+re.escape(top)+r"\.",t): out|=mods
    return out
def repl_in(route_file):
    def repl(m):
        spec=m.group(1)
        f=resolve(route_file,spec)
        n=sorted(needs(f))
        if not n: return "() => import('"+spec+"')"
        lst='['+', '.join("'"+x+"'" for x in n)+']'
        return "withTexts("+lst+", () => import('"+spec+"'))"
    return repl
for route_file in sorted(p for p in files if p.startswith('apps/web/src/routes/')):
    s=files[route_file]
    s2=re.sub(r"(?:withTexts\(\[[^\]]*\],\s*)?\(\) => import\('(\.\./modules/[^']+)'\)\)?",repl_in(route_file),s)
    if s2!=s: open(route_file,'w').write(s2)
