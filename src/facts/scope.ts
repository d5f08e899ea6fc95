// Declared types of variables and struct fields, found lexically: the enclosing function's
// parameters and locals first, then file-scope declarations, then struct definitions in the
// file, its local headers and a small table of the kernel's bus-device structs.

/** Fields of the kernel's device structs that MSI code reaches through (include/linux/*.h). */
const kernelStructs: Record<string, Record<string, string>> = {
  pci_dev: { dev: 'struct device', bus: 'struct pci_bus *', physfn: 'struct pci_dev *' },
  ntb_dev: { pdev: 'struct pci_dev *', dev: 'struct device' },
  auxiliary_device: { dev: 'struct device' },
  platform_device: { dev: 'struct device' },
  fsl_mc_device: { dev: 'struct device' },
  cdx_device: { dev: 'struct device' },
  mdev_device: { dev: 'struct device' },
  device: { parent: 'struct device *' },
  pci_bus: { self: 'struct pci_dev *', bridge: 'struct device *' },
};

const keywords = new Set(['return', 'goto', 'case', 'else', 'sizeof', 'typeof', 'do', 'if', 'while', 'for', 'switch']);

/** Type text of the declaration of `name` in `text`, e.g. "struct pci_dev *". */
export function declaredTypeIn(text: string, name: string): string | undefined {
  if (!/^[A-Za-z_]\w*$/.test(name)) return undefined;
  const re = new RegExp(
    String.raw`(?:^|[;{}(,])\s*((?:(?:const|static|volatile|unsigned|signed|register)\s+)*(?:(?:struct|union|enum)\s+\w+|\w+)(?:\s+const)?)\s*((?:\*\s*(?:const\s*)?)*)\b${name}\s*(?=[;,=)\[])`,
    'g',
  );
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const base = m[1]!.replace(/\s+/g, ' ').trim();
    const last = base.split(' ').pop()!;
    if (keywords.has(last) || keywords.has(base)) continue;
    const stars = m[2]!.replace(/[^*]/g, '');
    return stars ? `${base} ${stars}` : base;
  }
  return undefined;
}

/** `struct NAME {…}` bodies of some text, keyed by NAME. */
export function structBodies(clean: string): Record<string, string> {
  const out: Record<string, string> = {};
  const re = /\bstruct\s+(\w+)\s*\{/g;
  for (let m = re.exec(clean); m; m = re.exec(clean)) {
    let depth = 0;
    const open = m.index + m[0].length - 1;
    let i = open;
    for (; i < clean.length; i++) {
      if (clean[i] === '{') depth++;
      else if (clean[i] === '}' && --depth === 0) break;
    }
    if (!(m[1]! in out)) out[m[1]!] = clean.slice(open, i + 1);
    re.lastIndex = open + 1;
  }
  return out;
}

export interface TypeScope {
  /** Type of `name` as declared in `fnText` (params + body), else at file scope. */
  varType(name: string, fnText: string | undefined): string | undefined;
  /** Type of `structName.field`. */
  fieldType(structName: string, field: string): string | undefined;
}

/** A scope over one file's text plus the struct bodies of its local headers (found lazily). */
export function makeScope(fileClean: string, struct: (name: string) => string | undefined): TypeScope {
  const fileVarCache = new Map<string, string | undefined>();
  return {
    varType(name, fnText) {
      const local = fnText !== undefined ? declaredTypeIn(fnText, name) : undefined;
      if (local) return local;
      if (!fileVarCache.has(name)) fileVarCache.set(name, declaredTypeIn(fileClean, name));
      return fileVarCache.get(name);
    },
    fieldType(structName, field) {
      const known = kernelStructs[structName]?.[field];
      if (known) return known;
      const body = struct(structName);
      return body ? declaredTypeIn(body, field) : undefined;
    },
  };
}

/** "struct pci_dev *" -> "pci_dev". */
export function structNameOf(type: string | undefined): string | undefined {
  return type ? /\bstruct\s+(\w+)/.exec(type)?.[1] : undefined;
}
