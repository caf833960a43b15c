// The links a reader follows in the README and docs/, as GitHub and the npm page render them.

/** The markdown outside fenced code blocks, line by line. */
export function prose(markdown: string): string[] {
  let fenced = false;
  return markdown.split('\n').filter((line) => {
    if (line.startsWith('```')) fenced = !fenced;
    return !fenced && !line.startsWith('```');
  });
}

/** The relative link targets of a page (`file.md`, `dir/x.png#anchor`, `#anchor`): no scheme, not inside code. */
export function relativeLinkTargets(markdown: string): string[] {
  const targets: string[] = [];
  for (const line of prose(markdown)) {
    const withoutCode = line.replace(/`[^`]*`/g, (code) => (code.includes('](') ? '' : code));
    for (const match of withoutCode.matchAll(/\]\(([^)\s]+)\)/g)) {
      if (!/^[a-z][a-z0-9+.-]*:/i.test(match[1])) targets.push(match[1]);
    }
  }
  return targets;
}
