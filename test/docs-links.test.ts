// The README and docs/ as a reader follows them, on GitHub or on the npm page: every relative
// link points to a file that exists and, with an #anchor, to a heading there; and every file a
// shipped page links to ships too (package.json `files`), so the tarball's links work.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { prose, relativeLinkTargets } from './helpers/markdown-links';

const ROOT = path.join(__dirname, '..');
const PAGES = ['README.md', 'SECURITY.md', 'bench/RESULTS.md', ...readdirSync(path.join(ROOT, 'docs')).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`)];

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces to dashes. */
function slug(heading: string): string {
  return heading.trim().toLowerCase().replace(/`/g, '').replace(/[^\p{L}\p{N}\- _]/gu, '').replace(/ /g, '-');
}

function anchorsOf(page: string): Set<string> {
  const anchors = new Set<string>();
  for (const line of prose(readFileSync(path.join(ROOT, page), 'utf8'))) {
    const heading = /^#{1,6} (.*)$/.exec(line);
    if (heading) anchors.add(slug(heading[1]));
  }
  return anchors;
}

interface Link {
  page: string;
  target: string;
}

function relativeLinks(page: string): Link[] {
  return relativeLinkTargets(readFileSync(path.join(ROOT, page), 'utf8')).map((target) => ({ page, target }));
}

const links = PAGES.flatMap(relativeLinks);

test('the pages have relative links to check (README, SECURITY, docs/, bench/RESULTS.md)', () => {
  expect(PAGES).toEqual(expect.arrayContaining(['README.md', 'docs/api.md', 'docs/architecture.md', 'docs/decisions.md', 'bench/RESULTS.md']));
  expect(links.length).toBeGreaterThan(20);
});

test('every relative link points to an existing file inside the package, and every #anchor to a heading there', () => {
  const broken: string[] = [];
  for (const { page, target } of links) {
    const [file, anchor] = target.split('#') as [string, string | undefined];
    const resolved = file ? path.normalize(path.join(path.dirname(page), decodeURI(file))) : page;
    if (resolved.startsWith('..') || !existsSync(path.join(ROOT, resolved))) {
      broken.push(`${page}: ${target} (no file ${resolved})`);
      continue;
    }
    if (anchor !== undefined && (!resolved.endsWith('.md') || !anchorsOf(resolved).has(anchor))) {
      broken.push(`${page}: ${target} (no heading #${anchor} in ${resolved})`);
    }
  }
  expect(broken).toEqual([]);
});

test('every file the pages link to ships in the package (package.json `files`), so the links work from the npm page', () => {
  const files: string[] = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')).files;
  const shipped = (file: string) => file === 'README.md' || file === 'package.json' || files.some((entry) => file === entry || file.startsWith(`${entry}/`));
  const unshipped = new Set<string>();
  for (const { page, target } of links) {
    if (!shipped(page)) continue;
    const file = target.split('#')[0];
    const resolved = file ? path.normalize(path.join(path.dirname(page), decodeURI(file))) : page;
    if (!shipped(resolved) || statSync(path.join(ROOT, resolved), { throwIfNoEntry: false })?.isDirectory()) unshipped.add(`${page} → ${resolved}`);
  }
  expect([...unshipped]).toEqual([]);
});
