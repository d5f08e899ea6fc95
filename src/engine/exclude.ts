// irqlens.exclude: root-relative paths or globs the workspace scan leaves out.
// "drivers/staging" excludes that directory; "*" matches within one path segment, "**" across.

function globToRegExp(glob: string): RegExp {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === '*' && glob[i + 1] === '*') {
      // "**/" is any number of whole segments, zero included; a trailing "**" is anything.
      const slash = glob[i + 2] === '/';
      re += slash ? '(?:.*/)?' : '.*';
      i += slash ? 2 : 1;
    } else if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else re += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${re}(/.*)?$`);
}

/** A predicate over root-relative '/' paths; true when the path is excluded. */
export function excludeMatcher(patterns: readonly string[]): (rel: string) => boolean {
  const res = patterns.map((p) => globToRegExp(p.replace(/^\.\//, '').replace(/\/+$/, '')));
  return (rel) => res.some((r) => r.test(rel));
}
