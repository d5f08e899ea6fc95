// Builds TreeFacts from C text through the real facts layer, for the check and format tests.
import { defaultEra, eraFromFacts, extractFileFacts, initParser } from '../../src/facts/index';
import type { TreeFacts } from '../../src/facts/types';

export async function treeOf(files: Record<string, string>): Promise<TreeFacts> {
  await initParser();
  const out = Object.entries(files).map(([file, text]) => extractFileFacts({ file, text, era: defaultEra }));
  return { tree: '.', era: eraFromFacts(out), files: out };
}

/** A PCI driver around a probe body (and optional remove body). */
export function pciDriver(probe: string, remove = 'pci_free_irq_vectors(pdev);'): string {
  return `static int t_probe(struct pci_dev *pdev, const struct pci_device_id *id)
{
	int n, i, ret;
${probe}
}

static void t_remove(struct pci_dev *pdev)
{
	${remove}
}

static struct pci_driver t_driver = {
	.probe = t_probe,
	.remove = t_remove,
};
`;
}
