// Device expressions as the replay rewrites them: the key form the facts layer uses, and the
// root variable renamed through a callee's parameters.

/** `&pdev->dev`, `pdev` -> the facts layer's device key form ("pdev"). */
export function deviceKeyOf(text: string): string {
  return text
    .trim()
    .replace(/^&\s*/, '')
    .replace(/(?:->|\.)dev$/, '')
    .replace(/^to_pci_dev\((.*)\)$/, '$1')
    .replace(/^\((.*)\)$/, '$1');
}

/** Rewrites the root variable of a device expression through a frame's parameter map. */
export function renameRoot(text: string, rename: Map<string, string>): string {
  const m = /^(&?\s*)([A-Za-z_]\w*)/.exec(text);
  if (!m) return text;
  const to = rename.get(m[2]!);
  return to === undefined ? text : `${m[1]}${to}${text.slice(m[0].length)}`;
}
